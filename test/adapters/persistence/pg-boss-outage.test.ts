import { ok } from 'neverthrow';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { JobRunner } from '../../../adapters/jobs/job-runner.js';
import { Database } from '../../../adapters/persistence/mikro-orm/database.js';
import type { RetryPolicy } from '../../../domain/jobs/retry-policy.js';
import { captureLogs } from '../../support/captured-logs.js';
import { eventually } from '../../support/eventually.js';
import { postgresBinaries, startPostgresServer } from '../../support/postgres-server.js';
import { createPostgresDatabase } from '../../support/test-database.js';

// PostgreSQL stopped while jobs are due, then started again: the workers' claims fail meanwhile,
// which they say once, and once the server is back every job runs, each once. A server of its own,
// since it is taken away.

const installed = postgresBinaries() !== null;
if (!installed) {
  if (process.env.CI) throw new Error('PostgreSQL is not installed; .ci/run must install it');
  console.log('  (skipped: PostgreSQL is not installed — apt-get install postgresql)');
}

const KIND = 'outage-test';
const JOBS = 20;
const RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 1_000 };

const sleep = (ms: number) => new Promise((settle) => setTimeout(settle, ms));

test('when PostgreSQL is stopped while jobs are due, then they wait, and run once each when it is back', async () => {
  if (!installed) return;
  const server = await startPostgresServer();
  const where = await createPostgresDatabase(server.url());
  const logs = captureLogs();
  const queueReports: string[] = [];
  const database = await Database.open(where.location, { info: (message) => queueReports.push(message), error: () => {} }, { leaseMs: 1_000, retryPolicy: RETRY_POLICY });
  const ran: number[] = [];
  const runner = new JobRunner({
    queue: database.jobs,
    handlers: {
      [KIND]: {
        run: async (job) => {
          ran.push(Number(job.payload['n']));
          return ok(undefined);
        },
      },
    },
    logger: logs.logger,
    inUnitOfWork: (work) => database.inUnitOfWork(work),
    concurrency: 4,
    pollMs: 100,
  });
  try {
    await database.migrate();
    await database.inUnitOfWork(async () => {
      for (let n = 0; n < JOBS; n++) await database.jobs.enqueue({ kind: KIND, payload: { n } });
    });

    await server.stop();
    runner.start();
    await eventually(() => logs.text().includes('The job queue cannot be read'), 'the workers notice the outage', 20_000);
    await sleep(1_000);
    assert.equal(ran, [], 'nothing runs without the database');

    await server.start();
    await eventually(() => ran.length >= JOBS, 'every job run', 30_000);
    await eventually(async () => (await database.inUnitOfWork(() => database.jobs.counts())).done === JOBS, 'every job done', 10_000);
    assert.equal([...ran].sort((a, b) => a - b), Array.from({ length: JOBS }, (_, n) => n), 'each job ran once');
    assert.equal(await database.inUnitOfWork(() => database.jobs.counts()), { queued: 0, running: 0, done: JOBS, failed: 0 });
    assert.is(logs.lines().filter((line) => line.includes('The job queue cannot be read')).length, 1, 'the outage is said once');
    assert.ok(queueReports.filter((line) => line.includes('maintenance failed')).length <= 1, queueReports.join('\n'));
  } finally {
    await runner.stop(1_000);
    await database.close();
    await where.drop().catch(() => undefined);
    await server.close();
    await logs.shutdown();
  }
});

test.run();
