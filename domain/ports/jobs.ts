import type { ClaimedJob, FailedAttempt, JobFailure, JobId, NewJob } from '../jobs/job.js';
import type { RetryPolicy } from '../jobs/retry-policy.js';

/**
 * Where a use case writes down work it owes after its answer. Called inside `Transactions.run`,
 * the job joins that transaction: the state change and the work it promises are kept together or
 * lost together (the outbox pattern), so a crash can lose neither one alone.
 */
export interface Jobs {
  enqueue(job: NewJob): Promise<void>;
}

export type JobState = 'queued' | 'running' | 'done' | 'failed';

/** A job as operators see it. */
export type JobRecord = Readonly<{
  id: JobId;
  kind: string;
  state: JobState;
  /** Attempts started so far. */
  attempts: number;
  runAfter: Date;
  /** The last failure's reason, scrubbed of secrets by the handler that gave it. */
  lastError: string | null;
}>;

export type JobCounts = Readonly<Record<JobState, number>>;

/**
 * The queue the workers take jobs from. Every adapter keeps its jobs in the app's own database, so
 * they outlive the process that enqueued them, and gives each attempt to one worker at a time: a
 * claim sets a lease, and a job whose worker died is claimable again once its lease has run out.
 */
export interface JobQueue extends Jobs {
  /** How long a claim lasts unless extended. */
  readonly leaseMs: number;
  /** How many attempts a job gets, and how far apart. */
  readonly retryPolicy: RetryPolicy;
  /** Up to `limit` due jobs of these kinds, each now this caller's for one attempt, oldest first. */
  claim(kinds: readonly string[], limit: number): Promise<ClaimedJob[]>;
  /** Keeps a running attempt this caller's for another lease; false when the lease was lost (it ran out and the job went to another worker). */
  extendLease(job: ClaimedJob): Promise<boolean>;
  /** The attempt did its work. An attempt whose lease was lost to another worker changes nothing. */
  complete(job: ClaimedJob): Promise<void>;
  /** The attempt failed: the job is queued again after the retry policy's delay, or kept as failed. */
  fail(job: ClaimedJob, failure: JobFailure): Promise<FailedAttempt>;
  /** The attempt was not finished (the process is stopping): the job is due again, the attempt not counted. */
  release(job: ClaimedJob): Promise<void>;
  /** Jobs in each state, for operators. */
  counts(): Promise<JobCounts>;
  /** The jobs in `state`, newest first, at most `limit`. */
  list(state: JobState, limit: number): Promise<JobRecord[]>;
  /** A failed job is queued again with fresh attempts; false when `id` names no failed job. */
  retry(id: JobId): Promise<boolean>;
}
