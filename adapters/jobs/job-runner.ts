import { err, type Result } from 'neverthrow';
import { jobFailure, type ClaimedJob, type JobFailure } from '../../domain/jobs/job.js';
import type { JobQueue } from '../../domain/ports/jobs.js';
import type { Logger } from '../../domain/ports/logger.js';
import { JobFailedForGood } from './job-failed-for-good.js';

export type JobHandler = Readonly<{
  /** Does the job's work; an expected failure is a value that says whether trying again may help. */
  run: (job: ClaimedJob) => Promise<Result<void, JobFailure>>;
  /** Tells whoever the job was for that it has failed for good (an export's owner, say). */
  failedForGood?: (job: ClaimedJob, failure: JobFailure) => Promise<void>;
}>;

export type JobRunnerOptions = Readonly<{
  queue: JobQueue;
  handlers: Readonly<Record<string, JobHandler>>;
  logger: Logger;
  /** Gives each job, and each poll, fresh ORM state of its own, as a request gets. */
  inUnitOfWork: <T>(work: () => Promise<T>) => Promise<T>;
  /** Jobs this process runs at once. */
  concurrency: number;
  /** How long an idle worker waits before looking for due jobs again. */
  pollMs: number;
}>;

/**
 * Runs queued jobs in this process: claims due ones while it has room, runs each with its lease
 * kept alive, and settles the attempt: done, tried again later, or failed for good (logged at
 * ERROR, which alerts the administrators once per kind of job). A stop claims nothing more, lets
 * running jobs finish within its grace period and hands the rest back to the queue, so the next
 * start (or another process) runs them: a stop never loses a job, a crash only delays it by a lease.
 */
export class JobRunner {
  readonly #running = new Map<ClaimedJob, Promise<void>>();
  /** Jobs handed back to the queue by a stop while still running: their outcome no longer belongs to this worker. */
  readonly #released = new Set<ClaimedJob>();
  readonly #kinds: readonly string[];
  #timer: NodeJS.Timeout | undefined;
  /** The poll under way, if any: a stop waits for it, since the jobs it claims are this worker's to finish or release. */
  #poll: Promise<void> = Promise.resolve();
  #polling = false;
  #pollAgain = false;
  #stopping = false;
  #queueUnreachable = false;

  constructor(private readonly options: JobRunnerOptions) {
    this.#kinds = Object.keys(options.handlers);
  }

  get running(): number {
    return this.#running.size;
  }

  start(): void {
    this.wake();
  }

  /** Looks for due jobs now rather than at the next poll (after an enqueue in this process, say). */
  wake(): void {
    if (this.#stopping) return;
    if (this.#polling) {
      this.#pollAgain = true;
      return;
    }
    clearTimeout(this.#timer);
    this.#polling = true;
    this.#poll = this.poll().finally(() => {
      this.#polling = false;
      if (this.#pollAgain) {
        this.#pollAgain = false;
        this.wake();
      } else if (!this.#stopping) {
        this.#timer = setTimeout(() => this.wake(), this.options.pollMs);
        this.#timer.unref();
      }
    });
  }

  /** Stops claiming, waits up to `graceMs` for running jobs, and releases those still running; returns how many it released. */
  async stop(graceMs: number): Promise<number> {
    this.#stopping = true;
    clearTimeout(this.#timer);
    await this.#poll;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.#running.values()]),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs))),
    ]);
    clearTimeout(timer);
    const unfinished = [...this.#running.keys()];
    for (const job of unfinished) this.#released.add(job);
    await Promise.allSettled(unfinished.map((job) => this.options.inUnitOfWork(() => this.options.queue.release(job))));
    return unfinished.length;
  }

  private async poll(): Promise<void> {
    const room = this.options.concurrency - this.#running.size;
    if (room <= 0) return;
    const jobs = await this.claim(room);
    for (const job of jobs) {
      const run = this.run(job).finally(() => {
        this.#running.delete(job);
        this.wake();
      });
      this.#running.set(job, run);
    }
    // A full claim suggests more are due: look again at once instead of after the poll interval.
    if (jobs.length === room) this.#pollAgain = true;
  }

  private async claim(room: number): Promise<ClaimedJob[]> {
    try {
      const jobs = await this.options.inUnitOfWork(() => this.options.queue.claim(this.#kinds, room));
      if (this.#queueUnreachable) this.options.logger.info('The job queue is reachable again');
      this.#queueUnreachable = false;
      return jobs;
    } catch (error) {
      // The database away (locked, restarting) delays the jobs, it loses none: they stay due and
      // are claimed when it answers again. Said once per outage, not once per poll.
      if (!this.#queueUnreachable) this.options.logger.warn(`The job queue cannot be read: ${describe(error)}; its jobs wait until it can`);
      this.#queueUnreachable = true;
      return [];
    }
  }

  private async run(job: ClaimedJob): Promise<void> {
    const context = { jobId: job.id, route: `job:${job.kind}`, attempt: job.attempt };
    await this.options.logger.withContext(context, async () => {
      const heartbeat = setInterval(() => void this.keepLease(job), Math.max(10, Math.floor(this.options.queue.leaseMs / 3)));
      heartbeat.unref();
      try {
        const outcome = await this.attempt(job);
        if (this.#released.has(job)) return;
        await this.settle(job, outcome).catch((error: unknown) => {
          // The database away just as the job ended: the attempt stays claimed until its lease
          // runs out, and then runs again (at least once, as promised).
          this.options.logger.warn(`Job ${job.kind} ${job.id} ended, but its end could not be recorded: ${describe(error)}`);
        });
      } finally {
        clearInterval(heartbeat);
      }
    });
  }

  private async attempt(job: ClaimedJob): Promise<Result<void, JobFailure>> {
    const { maxAttempts } = this.options.queue.retryPolicy;
    // Only a worker that died mid-job (its lease ran out) takes a job past its last attempt.
    if (job.attempt > maxAttempts) return err(jobFailure('permanent', `its worker stopped before finishing ${maxAttempts} times`));
    const handler = this.options.handlers[job.kind];
    if (!handler) return err(jobFailure('permanent', `no handler for jobs of kind ${job.kind}`));
    try {
      return await this.options.inUnitOfWork(() => handler.run(job));
    } catch (error) {
      // Unexpected: most often the database away mid-job, which mends, so it counts as transient
      // and a bug still ends failed after the last attempt. The details (possibly SQL with values)
      // go to the scrubbed log only; the job keeps a pointer to them.
      this.options.logger.warn(`Job ${job.kind} ${job.id} attempt ${job.attempt} threw: ${describe(error)}`);
      return err(jobFailure('transient', `${error instanceof Error ? error.name : 'a non-error'} thrown; see the log for job ${job.id}`));
    }
  }

  private settle(job: ClaimedJob, outcome: Result<void, JobFailure>): Promise<void> {
    return outcome.match(() => this.options.inUnitOfWork(() => this.options.queue.complete(job)), (failure) => this.failed(job, failure));
  }

  private async failed(job: ClaimedJob, failure: JobFailure): Promise<void> {
    const { queue, logger, inUnitOfWork } = this.options;
    const fate = await inUnitOfWork(() => queue.fail(job, failure));
    if (fate === 'will-retry') {
      logger.warn(`Job ${job.kind} ${job.id} attempt ${job.attempt} failed, will be tried again: ${failure.reason}`);
      return;
    }
    logger.error(`Job ${job.kind} ${job.id} failed for good after ${job.attempt} attempts: ${failure.reason}`, new JobFailedForGood(job.kind, failure.reason));
    const failedForGood = this.options.handlers[job.kind]?.failedForGood;
    if (failedForGood) await inUnitOfWork(() => failedForGood(job, failure));
  }

  private async keepLease(job: ClaimedJob): Promise<void> {
    try {
      const kept = await this.options.inUnitOfWork(() => this.options.queue.extendLease(job));
      if (!kept) this.options.logger.warn(`Job ${job.kind} ${job.id} lost its lease; another worker may run it again`);
    } catch {
      // The database away: the lease may run out, and the job then runs again elsewhere, which
      // at-least-once delivery allows. The next beat tries again.
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
