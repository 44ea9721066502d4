import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Database, SILENT_DATABASE_LOG } from '../../../adapters/persistence/mikro-orm/database.js';
import type { SqliteJobQueue } from '../../../adapters/persistence/mikro-orm/sqlite-job-queue.js';
import { jobFailure } from '../../../domain/jobs/job.js';
import { FixedClock } from '../../support/fixed-clock.js';
import { createSqliteDatabase } from '../../support/test-database.js';

const DAY = 24 * 3_600_000;

async function withQueue(work: (queue: SqliteJobQueue, clock: FixedClock, database: Database) => Promise<void>): Promise<void> {
  const where = await createSqliteDatabase();
  const clock = new FixedClock();
  const database = await Database.open(where.location, SILENT_DATABASE_LOG, { clock });
  try {
    await database.migrate();
    await database.inUnitOfWork(() => work(database.jobs as SqliteJobQueue, clock, database));
  } finally {
    await database.close();
    await where.drop();
  }
}

async function runJobs(queue: SqliteJobQueue, keys: readonly string[]): Promise<void> {
  for (const key of keys) await queue.enqueue({ kind: 'k', payload: {}, key });
  for (const job of await queue.claim(['k'], keys.length)) await queue.complete(job);
}

test('when done jobs are a week old, then they are removed and their keys may be used again; failed and younger ones stay', () =>
  withQueue(async (queue, clock) => {
    await runJobs(queue, ['old-1', 'old-2']);
    await queue.enqueue({ kind: 'k', payload: {}, key: 'failed' });
    const [failing] = await queue.claim(['k'], 1);
    if (failing) await queue.fail(failing, jobFailure('permanent', '550'));
    clock.advance(6 * DAY);
    await runJobs(queue, ['young']);
    assert.is(await queue.forgetOldDone(), 0, 'nothing is a week old yet');
    clock.advance(DAY + 1);
    assert.is(await queue.forgetOldDone(), 2);
    assert.equal(await queue.counts(), { queued: 0, running: 0, done: 1, failed: 1 });
    await queue.enqueue({ kind: 'k', payload: {}, key: 'old-1' });
    assert.is((await queue.counts()).queued, 1, 'a forgotten key is a new job');
  }));

test('when a worker completes jobs, then every hundredth completion removes the old done ones by itself', () =>
  withQueue(async (queue, clock) => {
    await runJobs(queue, ['old']);
    clock.advance(8 * DAY);
    await runJobs(queue, Array.from({ length: 98 }, (_, n) => `new-${n}`));
    assert.is((await queue.counts()).done, 99, 'not before the hundredth');
    await runJobs(queue, ['the-hundredth']);
    assert.is((await queue.counts()).done, 99, 'the old one is gone');
  }));

test.run();
