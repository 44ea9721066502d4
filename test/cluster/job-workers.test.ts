import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { eventually } from '../support/eventually.js';
import { effects, enqueueFixtureJobs, startJobWorker, type JobWorker } from '../support/job-workers.js';
import { createTestDatabase, testDialect, type TestDatabase } from '../support/test-database.js';

// Jobs are promises the site made: a worker killed mid-job, a stop in the middle of a burst, or
// four processes sharing the queue must end with every job's effect happening exactly once.

type Context = { database: TestDatabase; dir: string; effectsFile: string; workers: JobWorker[] };
const test = suite<Context>(`job workers in separate processes on ${testDialect}`, {} as Context);

test.before.each(async (context) => {
  context.database = await createTestDatabase();
  context.dir = mkdtempSync(join(tmpdir(), 'microblog-jobs-'));
  context.effectsFile = join(context.dir, 'effects');
  context.workers = [];
});
test.after.each(async ({ database, dir, workers }) => {
  for (const worker of workers) worker.kill('SIGKILL');
  await Promise.all(workers.map((worker) => worker.exited));
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function worker(context: Context, settings: Parameters<typeof startJobWorker>[2] = {}): Promise<JobWorker> {
  const started = await startJobWorker(context.database.location, context.effectsFile, settings);
  context.workers.push(started);
  return started;
}

test('when a worker is killed with SIGKILL in the middle of a job, then another process finishes it once its lease has run out, and its effect happens once', async (context) => {
  await enqueueFixtureJobs(context.database.location, [{ n: 1, block: true }]);
  const doomed = await worker(context, { leaseMs: 1_500 });
  await doomed.printed('started 1');
  doomed.kill('SIGKILL');
  await doomed.exited;
  // The job still blocks when it runs again, so the survivor's only effect is proof it ran it: the
  // fixture prints "started" as each attempt begins.
  const survivor = await worker(context, { leaseMs: 1_500 });
  await survivor.printed('started 1', 30_000);
  assert.equal(effects(context.effectsFile), [], 'the killed attempt left no effect');
});

test('when a worker is killed mid-job and the job can finish, then the next process completes it, exactly once', async (context) => {
  await enqueueFixtureJobs(context.database.location, [{ n: 1, ms: 3_000 }, { n: 2 }]);
  const doomed = await worker(context, { leaseMs: 1_500, concurrency: 1 });
  await doomed.printed('started 1');
  doomed.kill('SIGKILL');
  await doomed.exited;
  // The survivor finishes job 2 at once, and takes job 1 over when the dead worker's lease runs out.
  const survivor = await worker(context, { leaseMs: 1_500, concurrency: 2 });
  await eventually(() => effects(context.effectsFile).length >= 2, 'both jobs done', 30_000);
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(effects(context.effectsFile), [2, 1], 'job 1 once, after job 2');
  assert.match(survivor.output(), 'started 1');
});

test('when a worker is stopped in the middle of a burst of 200 jobs, then every job runs later and none twice', async (context) => {
  await enqueueFixtureJobs(context.database.location, Array.from({ length: 200 }, (_, n) => ({ n, ms: 15 })));
  const first = await worker(context, { concurrency: 4, graceMs: 5_000 });
  await eventually(() => effects(context.effectsFile).length >= 40, 'a fifth of the burst done', 30_000);
  first.kill('SIGTERM');
  assert.is(await first.exited, 0);
  assert.match(first.output(), /stopped, released \d+/);
  const doneAtStop = effects(context.effectsFile).length;
  assert.ok(doneAtStop < 200, `the stop came mid-burst (${doneAtStop} done)`);
  await worker(context, { concurrency: 4 });
  await eventually(() => effects(context.effectsFile).length >= 200, 'every job done', 60_000);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const done = effects(context.effectsFile);
  assert.is(done.length, 200, 'none twice');
  assert.is(new Set(done).size, 200, 'every one');
});

test('when four processes share one database, then 1,000 jobs run, each exactly once', async (context) => {
  await enqueueFixtureJobs(context.database.location, Array.from({ length: 1_000 }, (_, n) => ({ n })));
  await Promise.all(Array.from({ length: 4 }, () => worker(context, { concurrency: 4 })));
  await eventually(() => effects(context.effectsFile).length >= 1_000, 'every job done', 120_000);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const done = effects(context.effectsFile);
  assert.is(done.length, 1_000, 'none twice');
  assert.is(new Set(done).size, 1_000);
  const perWorker = context.workers.map((each) => each.output().split('\n').filter((line) => line.startsWith('started ')).length);
  assert.ok(perWorker.filter((count) => count > 0).length >= 2, `the work was shared: ${perWorker.join(', ')}`);
});

test.run();
