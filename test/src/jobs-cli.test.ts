import { execFile } from 'node:child_process';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Database } from '../../adapters/persistence/mikro-orm/database.js';
import { jobFailure } from '../../domain/jobs/job.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const CLI = path.resolve('src/jobs.ts');

type Outcome = Readonly<{ code: number; stdout: string; stderr: string }>;

function runCli(where: TestDatabase, args: readonly string[]): Promise<Outcome> {
  const url = where.location.dialect === 'sqlite' ? `sqlite:${where.location.path}` : where.location.url;
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { env: { PATH: process.env.PATH ?? '', DATABASE_URL: url }, timeout: 30_000 },
      (error, stdout, stderr) => resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr }));
  });
}

/** A database holding one job that failed for good, one waiting for its retry and one done. */
async function withJobs(work: (where: TestDatabase, failedId: string) => Promise<void>): Promise<void> {
  const where = await createTestDatabase();
  const database = await Database.open(where.location);
  try {
    await database.migrate();
    const failedId = await database.inUnitOfWork(async () => {
      const { jobs } = database;
      for (const key of ['a', 'b', 'c']) await jobs.enqueue({ kind: 'send-password-reset-email', payload: { email: `${key}@example.com` }, key });
      const [failed, retrying, done] = await jobs.claim(['send-password-reset-email'], 3);
      if (!failed || !retrying || !done) throw new Error('three jobs are claimed');
      await jobs.fail(failed, jobFailure('permanent', '550 5.1.1 <a@example.com>: no such user'));
      await jobs.fail(retrying, jobFailure('transient', '451 4.7.1 greylisted'));
      await jobs.complete(done);
      return failed.id;
    });
    await work(where, failedId);
  } finally {
    await database.close();
    await where.drop();
  }
}

test('when an operator runs npm run jobs, then the counts and every failed job with its last error are listed', () =>
  withJobs(async (where, failedId) => {
    const outcome = await runCli(where, []);
    assert.is(outcome.code, 0, outcome.stderr);
    assert.match(outcome.stdout, 'queued 1, running 0, done 1, failed 1');
    assert.match(outcome.stdout, `${failedId}  send-password-reset-email  attempts 1  last error: 550 5.1.1 <a@example.com>: no such user`);
    assert.not.match(outcome.stdout, '451', 'only failed jobs by default');
    const queued = await runCli(where, ['list', 'queued']);
    assert.match(queued.stdout, /send-password-reset-email {2}attempts 1, due \S+ {2}last error: 451 4\.7\.1 greylisted/);
  }));

test('when an operator retries a failed job, then it is queued again; an unknown id or a bad command says so and exits non-zero', () =>
  withJobs(async (where, failedId) => {
    const retried = await runCli(where, ['retry', failedId]);
    assert.is(retried.code, 0, retried.stderr);
    assert.match(retried.stdout, `Job ${failedId} is queued again.`);
    assert.match((await runCli(where, [])).stdout, 'queued 2, running 0, done 1, failed 0');
    const again = await runCli(where, ['retry', failedId]);
    assert.is(again.code, 1);
    assert.match(again.stderr, `No failed job has the id ${failedId}.`);
    const bad = await runCli(where, ['frobnicate']);
    assert.is(bad.code, 2);
    assert.match(bad.stderr, 'usage: npm run jobs');
  }));

test.run();
