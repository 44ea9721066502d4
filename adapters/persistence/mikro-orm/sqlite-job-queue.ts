import { randomUUID } from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { ClaimedJob, FailedAttempt, JobFailure, JobId, JobPayload, NewJob } from '../../../domain/jobs/job.js';
import { retryDelayMs, willRetry, type RetryPolicy } from '../../../domain/jobs/retry-policy.js';
import type { JobCounts, JobQueue, JobRecord, JobState } from '../../../domain/ports/jobs.js';
import type { JobQueueOptions } from '../job-queue-options.js';

type JobRow = { id: number; kind: string; payload: string; attempts: number };
type RecordRow = JobRow & { state: JobState; run_after: number; last_error: string | null };

// Done jobs are kept a week (their keys keep a repeated request from owing the work twice), then
// removed a batch at a time, every so many completions, so the table stays as small as the traffic.
const DONE_RETENTION_MS = 7 * 24 * 3_600_000;
const PRUNE_EVERY_COMPLETIONS = 100;
const PRUNE_BATCH = 1_000;

const DUE = `("state" = 'queued' and "run_after" <= ?) or ("state" = 'running' and "lease_until" < ?)`;

/**
 * The embedded queue: a `jobs` table in the app's own SQLite file. A claim is one UPDATE … RETURNING,
 * and a write statement holds SQLite's only write lock from start to end, so two processes on one
 * file never claim the same attempt. Enqueueing is a plain INSERT through the ORM's connection, so
 * inside `Transactions.run` it belongs to that transaction.
 */
export class SqliteJobQueue implements JobQueue {
  readonly leaseMs: number;
  readonly retryPolicy: RetryPolicy;
  #completions = 0;

  constructor(
    private readonly em: SqlEntityManager,
    private readonly options: JobQueueOptions,
  ) {
    this.leaseMs = options.leaseMs;
    this.retryPolicy = options.retryPolicy;
  }

  async enqueue(job: NewJob): Promise<void> {
    const now = this.now();
    await this.em.execute(
      'insert into "jobs" ("key", "kind", "payload", "run_after", "created_at") values (?, ?, ?, ?, ?) on conflict ("key") do nothing',
      [job.key ?? randomUUID(), job.kind, JSON.stringify(job.payload), job.runAfter?.getTime() ?? now, now],
      'run',
    );
  }

  async claim(kinds: readonly string[], limit: number): Promise<ClaimedJob[]> {
    if (kinds.length === 0 || limit <= 0) return [];
    const now = this.now();
    const places = kinds.map(() => '?').join(', ');
    // A read first: an idle queue is polled often, and a read takes no write lock from the site's requests.
    const [due] = await this.em.execute<{ id: number }[]>(`select "id" from "jobs" where "kind" in (${places}) and (${DUE}) limit 1`, [...kinds, now, now]);
    if (!due) return [];
    const rows = await this.em.execute<JobRow[]>(
      `update "jobs" set "state" = 'running', "attempts" = "attempts" + 1, "lease_until" = ?
       where "id" in (select "id" from "jobs" where "kind" in (${places}) and (${DUE}) order by "run_after", "id" limit ?)
       returning "id", "kind", "payload", "attempts"`,
      [now + this.leaseMs, ...kinds, now, now, limit],
    );
    return rows.map(claimedJob).sort((a, b) => Number(a.id) - Number(b.id));
  }

  async extendLease(job: ClaimedJob): Promise<boolean> {
    const rows = await this.em.execute<{ id: number }[]>(
      `update "jobs" set "lease_until" = ? where "id" = ? and "attempts" = ? and "state" = 'running' returning "id"`,
      [this.now() + this.leaseMs, Number(job.id), job.attempt],
    );
    return rows.length > 0;
  }

  async complete(job: ClaimedJob): Promise<void> {
    await this.em.execute(
      `update "jobs" set "state" = 'done', "lease_until" = null, "finished_at" = ? where "id" = ? and "attempts" = ? and "state" = 'running'`,
      [this.now(), Number(job.id), job.attempt],
      'run',
    );
    this.#completions += 1;
    if (this.#completions % PRUNE_EVERY_COMPLETIONS === 0) await this.forgetOldDone();
  }

  /** Removes done jobs older than the retention, a batch at a time; returns how many went. */
  async forgetOldDone(): Promise<number> {
    const result = await this.em.execute<{ affectedRows: number }>(
      `delete from "jobs" where "id" in (select "id" from "jobs" where "state" = 'done' and "finished_at" < ? limit ?)`,
      [this.now() - DONE_RETENTION_MS, PRUNE_BATCH],
      'run',
    );
    return result.affectedRows;
  }

  async fail(job: ClaimedJob, failure: JobFailure): Promise<FailedAttempt> {
    const now = this.now();
    const retrying = willRetry(this.retryPolicy, job.attempt, failure.permanence);
    const [state, runAfter, finishedAt] = retrying
      ? ['queued', now + retryDelayMs(this.retryPolicy, job.attempt, this.options.jitter()), null]
      : ['failed', now, now];
    await this.em.execute(
      `update "jobs" set "state" = ?, "run_after" = ?, "finished_at" = ?, "last_error" = ?, "lease_until" = null
       where "id" = ? and "attempts" = ? and "state" = 'running'`,
      [state, runAfter, finishedAt, failure.reason, Number(job.id), job.attempt],
      'run',
    );
    return retrying ? 'will-retry' : 'failed';
  }

  async release(job: ClaimedJob): Promise<void> {
    await this.em.execute(
      `update "jobs" set "state" = 'queued', "attempts" = "attempts" - 1, "lease_until" = null
       where "id" = ? and "attempts" = ? and "state" = 'running'`,
      [Number(job.id), job.attempt],
      'run',
    );
  }

  async counts(): Promise<JobCounts> {
    const rows = await this.em.execute<{ state: JobState; count: number }[]>('select "state", count(*) as "count" from "jobs" group by "state"');
    const counts = { queued: 0, running: 0, done: 0, failed: 0 };
    for (const row of rows) counts[row.state] = Number(row.count);
    return counts;
  }

  async list(state: JobState, limit: number): Promise<JobRecord[]> {
    const rows = await this.em.execute<RecordRow[]>(
      'select "id", "kind", "payload", "attempts", "state", "run_after", "last_error" from "jobs" where "state" = ? order by "id" desc limit ?',
      [state, limit],
    );
    return rows.map((row) => ({
      id: String(row.id) as JobId,
      kind: row.kind,
      state: row.state,
      attempts: row.attempts,
      runAfter: new Date(row.run_after),
      lastError: row.last_error,
    }));
  }

  async retry(id: JobId): Promise<boolean> {
    const rows = await this.em.execute<{ id: number }[]>(
      `update "jobs" set "state" = 'queued', "attempts" = 0, "run_after" = ?, "finished_at" = null where "id" = ? and "state" = 'failed' returning "id"`,
      [this.now(), Number(id)],
    );
    return rows.length > 0;
  }

  private now(): number {
    return this.options.clock.now().getTime();
  }
}

function claimedJob(row: JobRow): ClaimedJob {
  return { id: String(row.id) as JobId, kind: row.kind, payload: JSON.parse(row.payload) as JobPayload, attempt: row.attempts };
}
