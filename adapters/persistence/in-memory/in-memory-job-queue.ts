import type { ClaimedJob, FailedAttempt, JobFailure, JobId, NewJob } from '../../../domain/jobs/job.js';
import { retryDelayMs, willRetry, type RetryPolicy } from '../../../domain/jobs/retry-policy.js';
import type { JobCounts, JobQueue, JobRecord, JobState } from '../../../domain/ports/jobs.js';
import type { JobQueueOptions } from '../job-queue-options.js';
import { snapshotOf, type Restorable } from './in-memory-transactions.js';

type StoredJob = Readonly<NewJob & { id: JobId; key: string; state: JobState; attempts: number; runAfter: Date; leaseUntil: number | null; lastError: string | null }>;

/** The jobs themselves, which several queues may share as processes share a database. */
export type InMemoryJobStore = { jobs: Map<string, StoredJob>; nextId: number };

/** A job queue in memory, for domain tests; `sharing()` is a second process's view of the same jobs. */
export class InMemoryJobQueue implements JobQueue, Restorable {
  readonly leaseMs: number;
  readonly retryPolicy: RetryPolicy;

  constructor(
    private readonly options: JobQueueOptions,
    private readonly store: InMemoryJobStore = { jobs: new Map(), nextId: 1 },
  ) {
    this.leaseMs = options.leaseMs;
    this.retryPolicy = options.retryPolicy;
  }

  sharing(options: JobQueueOptions = this.options): InMemoryJobQueue {
    return new InMemoryJobQueue(options, this.store);
  }

  async enqueue(job: NewJob): Promise<void> {
    const key = job.key ?? `job-${this.store.nextId}`;
    if (this.store.jobs.has(key)) return;
    const id = String(this.store.nextId++) as JobId;
    this.store.jobs.set(key, {
      ...job, id, key, state: 'queued', attempts: 0, runAfter: job.runAfter ?? this.options.clock.now(), leaseUntil: null, lastError: null,
    });
  }

  async claim(kinds: readonly string[], limit: number): Promise<ClaimedJob[]> {
    const now = this.now();
    const due = [...this.store.jobs.values()]
      .filter((job) => kinds.includes(job.kind) && (job.state === 'queued' ? job.runAfter.getTime() <= now : job.state === 'running' && (job.leaseUntil ?? 0) < now))
      .sort((a, b) => a.runAfter.getTime() - b.runAfter.getTime() || Number(a.id) - Number(b.id))
      .slice(0, Math.max(0, limit));
    return due.map((job) => {
      const claimed = this.replace(job, { state: 'running', attempts: job.attempts + 1, leaseUntil: now + this.leaseMs });
      return { id: claimed.id, kind: claimed.kind, payload: claimed.payload, attempt: claimed.attempts };
    });
  }

  async extendLease(job: ClaimedJob): Promise<boolean> {
    const stored = this.attemptOf(job);
    if (stored) this.replace(stored, { leaseUntil: this.now() + this.leaseMs });
    return stored !== null;
  }

  async complete(job: ClaimedJob): Promise<void> {
    const stored = this.attemptOf(job);
    if (stored) this.replace(stored, { state: 'done', leaseUntil: null });
  }

  async fail(job: ClaimedJob, failure: JobFailure): Promise<FailedAttempt> {
    const retrying = willRetry(this.retryPolicy, job.attempt, failure.permanence);
    const stored = this.attemptOf(job);
    if (stored) {
      const delay = retrying ? retryDelayMs(this.retryPolicy, job.attempt, this.options.jitter()) : 0;
      this.replace(stored, { state: retrying ? 'queued' : 'failed', runAfter: new Date(this.now() + delay), leaseUntil: null, lastError: failure.reason });
    }
    return retrying ? 'will-retry' : 'failed';
  }

  async release(job: ClaimedJob): Promise<void> {
    const stored = this.attemptOf(job);
    if (stored) this.replace(stored, { state: 'queued', attempts: stored.attempts - 1, leaseUntil: null });
  }

  async counts(): Promise<JobCounts> {
    const counts = { queued: 0, running: 0, done: 0, failed: 0 };
    for (const job of this.store.jobs.values()) counts[job.state] += 1;
    return counts;
  }

  async list(state: JobState, limit: number): Promise<JobRecord[]> {
    return [...this.store.jobs.values()]
      .filter((job) => job.state === state)
      .sort((a, b) => Number(b.id) - Number(a.id))
      .slice(0, limit)
      .map(({ id, kind, attempts, runAfter, lastError }) => ({ id, kind, state, attempts, runAfter, lastError }));
  }

  async retry(id: JobId): Promise<boolean> {
    const failed = [...this.store.jobs.values()].find((job) => job.id === id && job.state === 'failed');
    if (failed) this.replace(failed, { state: 'queued', attempts: 0, runAfter: this.options.clock.now() });
    return failed !== undefined;
  }

  snapshot(): () => void {
    const restore = snapshotOf(this.store.jobs);
    const nextId = this.store.nextId;
    return () => {
      restore();
      this.store.nextId = nextId;
    };
  }

  /** The stored job while `job`'s attempt still holds it. */
  private attemptOf(job: ClaimedJob): StoredJob | null {
    const stored = [...this.store.jobs.values()].find((candidate) => candidate.id === job.id);
    return stored?.state === 'running' && stored.attempts === job.attempt ? stored : null;
  }

  private replace(job: StoredJob, changes: Partial<StoredJob>): StoredJob {
    const changed = { ...job, ...changes };
    this.store.jobs.set(job.key, changed);
    return changed;
  }

  private now(): number {
    return this.options.clock.now().getTime();
  }
}
