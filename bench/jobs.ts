// The job queue's figures for `npm run bench`: how many jobs per second one process's workers get
// through on SQLite, how long a job waits between its enqueue and its start, and what a backlog of
// due jobs costs the logged-in pages of the app that works it off.
import { join } from 'node:path';
import { ok } from 'neverthrow';
import { JobRunner } from '../adapters/jobs/job-runner.js';
import { wakingOnEnqueue } from '../adapters/jobs/waking-jobs.js';
import { Database } from '../adapters/persistence/mikro-orm/database.js';
import { withSqliteFile } from '../test/support/sqlite-file.js';

const KIND = 'bench-no-op';
// As the app runs them (src/container.ts).
const WORKERS = { concurrency: 2, pollMs: 1_000 } as const;

export type QueueFigures = Readonly<{ jobs: number; jobsPerSecond: number; enqueueToStartMs: Readonly<{ samples: number; p50: number; p99: number; max: number }> }>;

/**
 * One process on a fresh SQLite file, as the app runs its workers: `jobs` no-op jobs enqueued up
 * front and worked off (jobs per second, claim and completion included), then `samples` jobs
 * enqueued one at a time as a request would (the worker is woken by the enqueue).
 */
export async function measureQueue(workDir: string, jobs: number, samples: number): Promise<QueueFigures> {
  const database = await Database.open({ dialect: 'sqlite', path: join(workDir, 'jobs-bench.db') });
  await database.migrate();
  const started = new Map<number, number>();
  let done = 0;
  const runner = new JobRunner({
    queue: database.jobs,
    logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, withContext: (_context, work) => work() },
    inUnitOfWork: (work) => database.inUnitOfWork(work),
    ...WORKERS,
    handlers: {
      [KIND]: {
        run: async (job) => {
          started.set(Number(job.payload['n']), performance.now());
          done += 1;
          return ok(undefined);
        },
      },
    },
  });
  try {
    await database.inUnitOfWork(async () => {
      for (let n = 0; n < jobs; n++) await database.jobs.enqueue({ kind: KIND, payload: { n } });
    });
    const from = performance.now();
    runner.start();
    await until(() => done >= jobs);
    const jobsPerSecond = jobs / ((performance.now() - from) / 1_000);

    const waking = wakingOnEnqueue(database.jobs, () => runner.wake());
    const delays: number[] = [];
    for (let n = jobs; n < jobs + samples; n++) {
      const enqueuedAt = performance.now();
      await database.inUnitOfWork(() => waking.enqueue({ kind: KIND, payload: { n } }));
      await until(() => started.has(n));
      delays.push((started.get(n) ?? enqueuedAt) - enqueuedAt);
    }
    delays.sort((a, b) => a - b);
    const at = (share: number) => delays[Math.min(delays.length - 1, Math.floor(share * delays.length))] ?? 0;
    return { jobs, jobsPerSecond, enqueueToStartMs: { samples, p50: at(0.5), p99: at(0.99), max: delays.at(-1) ?? 0 } };
  } finally {
    await runner.stop(5_000);
    await database.close();
  }
}

/**
 * Puts `count` due password reset jobs into a running app's database behind its back, for the
 * seeded users' addresses in turn: each is the whole job (a lookup, a link written, an email
 * rendered and sent to the bench's SMTP server), as after a mail outage has ended.
 */
export async function addResetBacklog(databasePath: string, count: number, emails: readonly string[]): Promise<void> {
  await withSqliteFile(databasePath, async (db) => {
    await db.exec('BEGIN');
    const now = Date.now();
    for (let n = 0; n < count; n++) {
      await db.run('insert into "jobs" ("key", "kind", "payload", "run_after", "created_at") values (?, ?, ?, ?, ?)',
        [`bench-backlog-${now}-${n}`, 'send-password-reset-email', JSON.stringify({ email: emails[n % emails.length] }), now, now]);
    }
    await db.exec('COMMIT');
  });
}

/** Removes every job from the database behind the app's back. */
export async function clearJobs(databasePath: string): Promise<void> {
  await withSqliteFile(databasePath, (db) => db.exec('delete from "jobs"'));
}

/** Jobs of the backlog still queued or running. */
export async function backlogLeft(databasePath: string): Promise<number> {
  return withSqliteFile(databasePath, async (db) =>
    (await db.get<{ left: number }>(`select count(*) as "left" from "jobs" where "state" in ('queued', 'running')`, []))?.left ?? 0);
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 1));
}
