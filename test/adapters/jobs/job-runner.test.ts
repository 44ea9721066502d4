import { err, ok } from 'neverthrow';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { JobRunner, type JobHandler } from '../../../adapters/jobs/job-runner.js';
import { Database, SILENT_DATABASE_LOG } from '../../../adapters/persistence/mikro-orm/database.js';
import { jobFailure } from '../../../domain/jobs/job.js';
import { captureLogs, type CapturedLogs } from '../../support/captured-logs.js';
import { lockDatabase } from '../../support/database-lock.js';
import { eventually } from '../../support/eventually.js';
import { createSqliteDatabase, type TestDatabase } from '../../support/test-database.js';

// The runner on the real SQLite queue: what it does with each outcome, and with a database that
// will not answer for a while.

type World = { where: TestDatabase; database: Database; logs: CapturedLogs; runner: JobRunner | null };
const test = suite<World>('JobRunner on SQLite', {} as World);

test.before.each(async (world) => {
  world.where = await createSqliteDatabase();
  world.database = await Database.open(world.where.location, SILENT_DATABASE_LOG, { retryPolicy: { maxAttempts: 3, baseDelayMs: 5 }, leaseMs: 2_000 });
  await world.database.migrate();
  world.logs = captureLogs();
  world.runner = null;
});
test.after.each(async ({ where, database, logs, runner }) => {
  await runner?.stop(1_000);
  await database.close();
  await logs.shutdown();
  await where.drop();
});

function start(world: World, handler: JobHandler): JobRunner {
  const { database, logs } = world;
  world.runner = new JobRunner({ queue: database.jobs, handlers: { work: handler }, logger: logs.logger, inUnitOfWork: (work) => database.inUnitOfWork(work), concurrency: 2, pollMs: 20 });
  world.runner.start();
  return world.runner;
}

const enqueue = (world: World, count: number) =>
  world.database.inUnitOfWork(async () => { for (let n = 0; n < count; n++) await world.database.jobs.enqueue({ kind: 'work', payload: { n } }); });
const counts = (world: World) => world.database.inUnitOfWork(() => world.database.jobs.counts());

test('when the database is locked while jobs are due, then the runner says so once, loses nothing, and runs them when the lock goes', async (world) => {
  await enqueue(world, 3);
  const lock = await lockDatabase(world.where.sqlitePath ?? '');
  const ran: number[] = [];
  start(world, { run: async (job) => ok(void ran.push(Number(job.payload['n']))) });
  // A write waits 5 s in all for SQLite's lock: the first claim waits that long before it gives up.
  await eventually(() => world.logs.text().includes('The job queue cannot be read'), 'the outage logged', 15_000);
  assert.equal(ran, []);
  await lock.release();
  await eventually(() => ran.length === 3, 'every job ran', 15_000);
  assert.equal(ran.sort(), [0, 1, 2]);
  assert.is(world.logs.lines().filter((line) => line.includes('The job queue cannot be read')).length, 1, 'said once, not once per poll');
  assert.match(world.logs.text(), 'The job queue is reachable again');
  await eventually(async () => (await counts(world)).done === 3, 'all done');
});

test('when a handler throws, then the attempt counts as transient, the details go to the log only, and the job fails for good after its last attempt with one error', async (world) => {
  await enqueue(world, 1);
  let calls = 0;
  let toldFailed = 0;
  start(world, {
    run: async () => {
      calls += 1;
      throw new Error('SQLITE_IOERR: insert into "users" values (\'secret-hash\')');
    },
    failedForGood: async () => { toldFailed += 1; },
  });
  await eventually(async () => (await counts(world)).failed === 1, 'the job failed for good');
  assert.is(calls, 3);
  assert.is(toldFailed, 1, 'whoever it was for is told once');
  const [failed] = await world.database.inUnitOfWork(() => world.database.jobs.list('failed', 1));
  assert.match(failed?.lastError ?? '', 'Error thrown; see the log for job');
  assert.not.match(failed?.lastError ?? '', 'secret-hash', 'the stored error holds no SQL values');
  assert.is(world.logs.lines().filter((line) => line.includes(' ERROR: ')).length, 1);
});

test('when a handler fails permanently, then it is not tried again and its owner is told', async (world) => {
  await enqueue(world, 1);
  let calls = 0;
  const told: string[] = [];
  start(world, {
    run: async () => {
      calls += 1;
      return err(jobFailure('permanent', '550 no such mailbox'));
    },
    failedForGood: async (_job, failure) => { told.push(failure.reason); },
  });
  await eventually(async () => (await counts(world)).failed === 1, 'the job failed');
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.is(calls, 1);
  assert.equal(told, ['550 no such mailbox']);
});

test('when a stop comes while a job runs past the grace period, then the job goes back to the queue for the next start', async (world) => {
  await enqueue(world, 1);
  let started = false;
  const runner = start(world, { run: async () => { started = true; return new Promise(() => {}); } });
  await eventually(() => started, 'the job started');
  assert.is(await runner.stop(100), 1);
  world.runner = null;
  assert.equal(await counts(world), { queued: 1, running: 0, done: 0, failed: 0 });
  const [again] = await world.database.inUnitOfWork(() => world.database.jobs.claim(['work'], 1));
  assert.is(again?.attempt, 1, 'the cut attempt is not counted');
});

test.run();
