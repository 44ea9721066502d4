import { InMemoryJobQueue } from '../../adapters/persistence/in-memory/in-memory-job-queue.js';
import { InMemoryTransactions } from '../../adapters/persistence/in-memory/in-memory-transactions.js';
import { Database, SILENT_DATABASE_LOG } from '../../adapters/persistence/mikro-orm/database.js';
import { systemClock } from '../../adapters/time/system-clock.js';
import { createPostgresDatabase, createSqliteDatabase, TEST_DATABASE_URL, type TestDatabase } from '../support/test-database.js';
import { jobQueueContract, type JobQueueUnderTest, type QueueSettings } from './job-queue.contract.js';

jobQueueContract('InMemoryJobQueue', async (settings) => {
  const queue = new InMemoryJobQueue({ ...settings, clock: systemClock, jitter: Math.random });
  return {
    queue,
    transactions: new InMemoryTransactions([queue]),
    inUnitOfWork: (work) => work(),
    another: async () => queue.sharing(),
    close: async () => {},
  };
});

/** A migrated database, and each further process's own connection pool on it. */
function databaseQueue(create: () => Promise<TestDatabase>) {
  return async (settings: QueueSettings): Promise<JobQueueUnderTest> => {
    const where = await create();
    const open = () => Database.open(where.location, SILENT_DATABASE_LOG, settings);
    const database = await open();
    await database.migrate();
    const others: Database[] = [];
    return {
      queue: database.jobs,
      transactions: database.transactions,
      inUnitOfWork: (work) => database.inUnitOfWork(work),
      another: async () => {
        const other = await open();
        others.push(other);
        // Each "process" reads and writes in a request context of its own database.
        return contextual(other);
      },
      close: async () => {
        await Promise.all([database, ...others].map((each) => each.close()));
        await where.drop();
      },
    };
  };
}

/** The queue of `database`, each call made in a fresh unit of work of that database. */
function contextual(database: Database): Database['jobs'] {
  const queue = database.jobs;
  return new Proxy(queue, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => database.inUnitOfWork(() => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
    },
  });
}

jobQueueContract('SqliteJobQueue', databaseQueue(createSqliteDatabase));
if (TEST_DATABASE_URL) jobQueueContract('PgBossJobQueue', databaseQueue(() => createPostgresDatabase(TEST_DATABASE_URL as string)));
