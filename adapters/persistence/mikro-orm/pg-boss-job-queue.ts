import { createHash } from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/knex';
import PgBoss from 'pg-boss';
import type { ClaimedJob, FailedAttempt, JobFailure, JobId, JobPayload, NewJob } from '../../../domain/jobs/job.js';
import { willRetry, type RetryPolicy } from '../../../domain/jobs/retry-policy.js';
import type { JobCounts, JobQueue, JobRecord, JobState } from '../../../domain/ports/jobs.js';
import type { JobQueueOptions } from '../job-queue-options.js';

/** Where pg-boss keeps its tables; the PostgreSQL migrations create it. */
export const PG_BOSS_SCHEMA = 'pgboss';

/** How pg-boss's job states read as the port's. */
const STATES_OF: Record<JobState, readonly string[]> = {
  queued: ['created', 'retry'],
  running: ['active'],
  done: ['completed'],
  failed: ['failed', 'cancelled'],
};

// Finished jobs stay in the job table this long: a key stays taken, and a failed job stays listed
// and retryable by operators. pg-boss then moves them to its archive, and deletes them a week later.
const KEEP_FINISHED_DAYS = 14;
// An attempt runs on these settings: a lease that runs out (its worker died, which is no fault of the
// job) makes the job due again at once, as the next attempt. `fail` sets the retry policy's own.
const WHILE_RUNNING = { retryDelay: 0, retryBackoff: false } as const;
// Any fixed UUID: the namespace of the ids that make a key's job one job.
const KEY_NAMESPACE = Buffer.from('6f1c8a52e3b94d07a5e2c41b9d7f3a60', 'hex');
// Passed on to its pg pool (pg-boss's types omit them): a lost server fails a statement within
// seconds, and an idle connection, even one left by a start that failed, never keeps the process alive.
const POOL = { connectionTimeoutMillis: 5_000, allowExitOnIdle: true };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type RecordRow = { id: string; name: string; state: string; attempts: number; run_after: number; last_error: string | null };

/**
 * The queue on PostgreSQL: pg-boss 10 (https://github.com/timgit/pg-boss), in the app's own
 * database, so every machine sharing the database shares the queue. Each kind of job is a pg-boss
 * queue; a claim is pg-boss's `fetch` (`FOR UPDATE SKIP LOCKED`), a lease its `expire_in`, and a
 * lease that ran out is noticed by pg-boss's maintenance, which one process of the cluster runs at a
 * time. Every statement on a job goes through the ORM's connection, so an enqueue inside
 * `Transactions.run` is part of that transaction, and a claim runs on the caller's unit of work.
 *
 * What pg-boss 10 has no API for is done by UPDATEs on its `job` table, which rely on the schema of
 * the pinned version (package.json): keeping a lease (`expire_in` moved on), handing back an
 * unfinished attempt uncounted, an operator's retry with fresh attempts, and guarding each
 * settlement by the attempt it belongs to (`retry_count`), since pg-boss's own `complete` and `fail`
 * would settle whichever attempt now holds the job.
 */
export class PgBossJobQueue implements JobQueue {
  readonly leaseMs: number;
  readonly retryPolicy: RetryPolicy;
  readonly #leaseSeconds: number;
  #boss: Promise<PgBoss> | undefined;
  readonly #queues = new Map<string, Promise<void>>();
  #maintenanceFailing = false;
  #closed = false;

  /** pg-boss's statements, run by the ORM in the caller's context: inside a transaction, on its connection. */
  readonly #inContext: PgBoss.Db = {
    executeSql: async (text, values = []) => {
      const [sql, params] = withQuestionMarks(text, values);
      return { rows: await this.em.execute(sql, params, 'all') };
    },
  };

  constructor(
    private readonly em: SqlEntityManager,
    private readonly url: string,
    private readonly options: JobQueueOptions,
    private readonly log: (message: string) => void,
  ) {
    // pg-boss counts leases in whole seconds, one at least.
    this.#leaseSeconds = Math.max(1, Math.ceil(options.leaseMs / 1_000));
    this.leaseMs = this.#leaseSeconds * 1_000;
    this.retryPolicy = options.retryPolicy;
  }

  async enqueue(job: NewJob): Promise<void> {
    const boss = await this.queueOf(job.kind);
    // pg-boss inserts with ON CONFLICT DO NOTHING: a second job with the id of a key's first one is
    // no job at all, whatever state the first is in. (Its `singletonKey` is unique only under some
    // queue policies, and only in some states.)
    await boss.send(job.kind, job.payload, {
      ...(job.key === undefined ? {} : { id: idOfKey(job.kind, job.key) }),
      ...(job.runAfter ? { startAfter: job.runAfter } : {}),
      ...this.jobSettings(),
      db: this.#inContext,
    });
  }

  async claim(kinds: readonly string[], limit: number): Promise<ClaimedJob[]> {
    const claimed: PgBoss.JobWithMetadata<JobPayload>[] = [];
    for (const kind of kinds) {
      const room = limit - claimed.length;
      if (room <= 0) break;
      const boss = await this.queueOf(kind);
      claimed.push(...(await fetchOrThrow(boss, kind, room, this.#inContext)));
    }
    await this.resetForRunning(claimed);
    return claimed.sort(byCreation).map((job) => ({ id: job.id as JobId, kind: job.name, payload: job.data, attempt: job.retryCount + 1 }));
  }

  async extendLease(job: ClaimedJob): Promise<boolean> {
    const rows = await this.em.execute<{ id: string }[]>(
      `update ${PG_BOSS_SCHEMA}.job set expire_in = now() - started_on + ? * interval '1 second'
       where ${HELD} returning id`,
      [this.#leaseSeconds, ...heldBy(job)],
    );
    return rows.length > 0;
  }

  async complete(job: ClaimedJob): Promise<void> {
    await this.whileHeld(job, async (boss) => {
      await boss.complete(job.kind, job.id, {}, { db: this.#inContext });
    });
  }

  async fail(job: ClaimedJob, failure: JobFailure): Promise<FailedAttempt> {
    const { maxAttempts, baseDelayMs } = this.retryPolicy;
    await this.whileHeld(job, async (boss) => {
      // pg-boss's own retry policy decides: no retries left after a permanent failure, else the
      // policy's, spaced by its backoff with jitter.
      await this.em.execute(
        `update ${PG_BOSS_SCHEMA}.job set retry_limit = case when ? then retry_count else ? end, retry_delay = ?, retry_backoff = true
         where name = ? and id = ?`,
        [failure.permanence === 'permanent', maxAttempts - 1, Math.max(1, Math.round(baseDelayMs / 1_000)), job.kind, job.id],
        'run',
      );
      await boss.fail(job.kind, job.id, { message: failure.reason }, { db: this.#inContext });
    });
    return willRetry(this.retryPolicy, job.attempt, failure.permanence) ? 'will-retry' : 'failed';
  }

  async release(job: ClaimedJob): Promise<void> {
    // With no start time, pg-boss's next fetch does not count another attempt.
    await this.em.execute(
      `update ${PG_BOSS_SCHEMA}.job set state = case when retry_count = 0 then 'created' else 'retry' end::${PG_BOSS_SCHEMA}.job_state,
         started_on = null, start_after = now()
       where ${HELD}`,
      heldBy(job),
      'run',
    );
  }

  async counts(): Promise<JobCounts> {
    const rows = await this.em.execute<{ state: string; count: string }[]>(`select state, count(*) as count from ${PG_BOSS_SCHEMA}.job group by state`);
    const counts = { queued: 0, running: 0, done: 0, failed: 0 };
    for (const row of rows) counts[stateOf(row.state)] += Number(row.count);
    return counts;
  }

  async list(state: JobState, limit: number): Promise<JobRecord[]> {
    const rows = await this.em.execute<RecordRow[]>(
      `select id, name, state, retry_count + (started_on is not null)::int as attempts,
         extract(epoch from start_after)::float8 * 1000 as run_after,
         coalesce(output ->> 'message', output #>> '{value,message}') as last_error
       from ${PG_BOSS_SCHEMA}.job where state::text = any(?) order by created_on desc, id desc limit ?`,
      [STATES_OF[state], limit],
    );
    return rows.map((row) => ({
      id: row.id as JobId,
      kind: row.name,
      state: stateOf(row.state),
      attempts: row.attempts,
      runAfter: new Date(row.run_after),
      lastError: row.last_error,
    }));
  }

  async retry(id: JobId): Promise<boolean> {
    if (!UUID.test(id)) return false;
    // pg-boss's own `retry` grants one more attempt; an operator's retry starts the count afresh.
    const rows = await this.em.execute<{ id: string }[]>(
      `update ${PG_BOSS_SCHEMA}.job set state = 'created', retry_count = 0, retry_limit = ?, started_on = null, completed_on = null,
         start_after = now(), keep_until = greatest(keep_until, now() + ? * interval '1 day')
       where id = ? and state in ('failed', 'cancelled') returning id`,
      [this.retryPolicy.maxAttempts - 1, KEEP_FINISHED_DAYS, id],
    );
    return rows.length > 0;
  }

  /** Stops pg-boss's maintenance and closes its connections; nothing of a job's is in flight there. */
  async close(): Promise<void> {
    this.#closed = true;
    const boss = await this.#boss?.catch(() => undefined);
    // Graceful waits only for pg-boss's own `work()` handlers, of which there are none.
    await boss?.stop({ graceful: true, wait: true });
  }

  private jobSettings() {
    return {
      expireInSeconds: this.#leaseSeconds,
      retryLimit: this.retryPolicy.maxAttempts - 1,
      ...WHILE_RUNNING,
      retentionDays: KEEP_FINISHED_DAYS,
    };
  }

  /** pg-boss, started on first use; a start that failed (the database away) is tried afresh next time. */
  private boss(): Promise<PgBoss> {
    // Started after a close, its maintenance would keep the process alive.
    if (this.#closed) return Promise.reject(new Error('the job queue is closed'));
    this.#boss ??= this.start().catch((error: unknown) => {
      this.#boss = undefined;
      throw error;
    });
    return this.#boss;
  }

  private async start(): Promise<PgBoss> {
    const boss = new PgBoss({
      connectionString: this.url,
      schema: PG_BOSS_SCHEMA,
      // Its own pool serves only its schema check and its maintenance, which runs `BEGIN; …; COMMIT;`
      // as one text: a failure in it leaves the session in a failed transaction until the server's
      // idle-in-transaction timeout closes it, harmless here, a string of errors in the app's pool.
      max: 2,
      ...POOL,
      // The migrations create and upgrade its schema, once, with the app's own tables; a process
      // never changes it at start under others still running.
      migrate: false,
      schedule: false,
      // Maintenance expires lapsed leases. One process of the cluster runs it per interval, so a
      // lapsed lease is noticed within two intervals.
      maintenanceIntervalSeconds: Math.min(10, Math.max(1, Math.round(this.#leaseSeconds / 3))),
      archiveCompletedAfterSeconds: KEEP_FINISHED_DAYS * 86_400,
      archiveFailedAfterSeconds: KEEP_FINISHED_DAYS * 86_400,
    });
    boss.on('error', (error: Error) => {
      // Said once per outage: while the database is away, every interval fails alike.
      if (!this.#maintenanceFailing) this.log(`The job queue's maintenance failed: ${error.message}; it tries again`);
      this.#maintenanceFailing = true;
    });
    boss.on('maintenance', () => {
      this.#maintenanceFailing = false;
    });
    return boss.start();
  }

  /** pg-boss with the queue of `kind` created: created once per process, and a no-op when it exists. */
  private async queueOf(kind: string): Promise<PgBoss> {
    const boss = await this.boss();
    let created = this.#queues.get(kind);
    if (!created) {
      created = boss.createQueue(kind, { name: kind, policy: 'standard', ...this.jobSettings() }).catch((error: unknown) => {
        this.#queues.delete(kind);
        throw error;
      });
      this.#queues.set(kind, created);
    }
    await created;
    return boss;
  }

  /**
   * Jobs fetched back from a failed attempt, or from a lapsed lease that had been extended, get the
   * settings of a running attempt again: its lease, and no backoff should it lapse.
   */
  private async resetForRunning(jobs: readonly PgBoss.JobWithMetadata<JobPayload>[]): Promise<void> {
    const stale = jobs.filter((job) => Number(job.expireInSeconds) !== this.#leaseSeconds || job.retryBackoff || job.retryDelay !== 0);
    for (const job of stale) {
      await this.em.execute(
        `update ${PG_BOSS_SCHEMA}.job set expire_in = ? * interval '1 second', retry_delay = 0, retry_backoff = false where name = ? and id = ?`,
        [this.#leaseSeconds, job.name, job.id],
        'run',
      );
    }
  }

  /**
   * Runs `settle` (pg-boss's own statements) only while `job`'s attempt still holds it, with the
   * row locked so that maintenance cannot hand it to another worker in between.
   */
  private async whileHeld(job: ClaimedJob, settle: (boss: PgBoss) => Promise<void>): Promise<void> {
    const boss = await this.boss();
    await this.em.transactional(async () => {
      const held = await this.em.execute(`select 1 from ${PG_BOSS_SCHEMA}.job where ${HELD} for update`, heldBy(job));
      if (held.length > 0) await settle(boss);
    });
  }
}

/** The attempt `job` still holds the job: it is running, and no later attempt has started. */
const HELD = `name = ? and id = ? and state = 'active' and retry_count = ?`;

function heldBy(job: ClaimedJob): unknown[] {
  return [job.kind, job.id, job.attempt - 1];
}

/**
 * Oldest first: pg-boss's fetch picks the oldest, but its UPDATE … RETURNING hands them back in no
 * order. The ORM's connection reads a timestamp as the text PostgreSQL writes (ISO style, one time
 * zone per session, microseconds), which sorts as the times do.
 */
function byCreation(a: PgBoss.JobWithMetadata<JobPayload>, b: PgBoss.JobWithMetadata<JobPayload>): number {
  const [first, second] = [String(a.createdOn), String(b.createdOn)];
  return first < second ? -1 : first > second ? 1 : 0;
}

function stateOf(state: string): JobState {
  return (Object.keys(STATES_OF) as JobState[]).find((each) => STATES_OF[each].includes(state)) ?? 'failed';
}

/**
 * pg-boss's `fetch` returns no jobs for any error, taking it for a lost race on a unique index
 * (which the standard policy used here never has): the database away must reach the runner, which
 * then says so instead of seeing an empty queue.
 */
async function fetchOrThrow(boss: PgBoss, kind: string, batchSize: number, db: PgBoss.Db): Promise<PgBoss.JobWithMetadata<JobPayload>[]> {
  const failures: unknown[] = [];
  const watched: PgBoss.Db = {
    executeSql: (text, values) => db.executeSql(text, values).catch((error: unknown) => {
      failures.push(error);
      throw error;
    }),
  };
  const jobs = await boss.fetch<JobPayload>(kind, { batchSize, includeMetadata: true, db: watched });
  const [failure] = failures;
  if (failure instanceof Error) throw failure;
  if (failures.length > 0) throw new Error(`fetching jobs failed: ${String(failure)}`);
  return jobs;
}

/**
 * A key's job id: a name-based UUID (version 5, RFC 9562 section 5.5) of kind and key, so the same
 * key enqueued twice, by any process, is the same job.
 */
function idOfKey(kind: string, key: string): string {
  const hash = createHash('sha1').update(KEY_NAMESPACE).update(JSON.stringify([kind, key])).digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * pg-boss's SQL numbers its parameters (`$1`, a number possibly repeated); the ORM's raw queries
 * take knex's `?`, one value each in order. pg-boss's statements hold no `?` and no `$n` in a
 * string, so each `$n` becomes a `?` bound to value n.
 */
export function withQuestionMarks(text: string, values: readonly unknown[]): [string, unknown[]] {
  const params: unknown[] = [];
  const sql = text.replace(/\$(\d+)/g, (_, n: string) => {
    params.push(values[Number(n) - 1]);
    return '?';
  });
  return [sql, params];
}
