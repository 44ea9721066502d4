import { err, ok } from 'neverthrow';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { jobFailure, type ClaimedJob } from '../../domain/jobs/job.js';
import type { RetryPolicy } from '../../domain/jobs/retry-policy.js';
import type { JobQueue } from '../../domain/ports/jobs.js';
import type { Transactions } from '../../domain/ports/transactions.js';
import { eventually } from '../support/eventually.js';
import { runAsync } from '../support/result-of.js';

export type QueueSettings = Readonly<{ leaseMs: number; retryPolicy: RetryPolicy }>;

/** One process's queue on a store of jobs that `another` shares with a second process. */
export type JobQueueUnderTest = Readonly<{
  queue: JobQueue;
  transactions: Transactions;
  inUnitOfWork: <T>(work: () => Promise<T>) => Promise<T>;
  /** The same jobs as another process sees them, closed with the store. */
  another: () => Promise<JobQueue>;
  close: () => Promise<void>;
}>;

export type OpenJobQueue = (settings: QueueSettings) => Promise<JobQueueUnderTest>;

const KIND = 'contract-test';
// Retries far apart, so a job tried again is not due again within a test.
const SETTINGS: QueueSettings = { leaseMs: 30_000, retryPolicy: { maxAttempts: 3, baseDelayMs: 3_600_000 } };
const SHORT_LEASE: QueueSettings = { ...SETTINGS, leaseMs: 600 };
// A queue may round its lease up (to whole seconds, say), and notice a lapsed one a little later.
const LAPSED_LEASE_NOTICED_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What every JobQueue must do; run against every adapter of the port, the in-memory fake included. */
export function jobQueueContract(name: string, open: OpenJobQueue): void {
  const test = suite(`JobQueue contract: ${name}`);

  async function withQueue(settings: QueueSettings, work: (subject: JobQueueUnderTest, claim: (queue: JobQueue, limit?: number) => Promise<ClaimedJob[]>) => Promise<void>): Promise<void> {
    const subject = await open(settings);
    const claim = (queue: JobQueue, limit = 10) => subject.inUnitOfWork(() => queue.claim([KIND], limit));
    try {
      await work(subject, claim);
    } finally {
      await subject.close();
    }
  }

  test('when a job is enqueued, then one claim gets it with its payload as the first attempt, and no other claim gets it', async () => {
    await withQueue(SETTINGS, async ({ queue, inUnitOfWork, another }, claim) => {
      await inUnitOfWork(() => queue.enqueue({ kind: KIND, payload: { email: 'susan@example.com', ids: [1, 2], nested: { ok: true } } }));
      const [job, ...others] = await claim(queue);
      assert.equal(others, []);
      assert.is(job?.kind, KIND);
      assert.equal(job?.payload, { email: 'susan@example.com', ids: [1, 2], nested: { ok: true } });
      assert.is(job?.attempt, 1);
      assert.equal(await claim(queue), [], 'a claimed job is not claimed again by its own process');
      assert.equal(await claim(await another()), [], 'nor by another process');
    });
  });

  test('when jobs of other kinds are due, then a claim takes only the kinds it asks for', async () => {
    await withQueue(SETTINGS, async ({ queue, inUnitOfWork }, claim) => {
      await inUnitOfWork(() => queue.enqueue({ kind: 'some-other-kind', payload: {} }));
      assert.equal(await claim(queue), []);
      assert.is((await inUnitOfWork(() => queue.counts())).queued, 1);
    });
  });

  test('when a job is enqueued in a transaction that rolls back, then no job is left; when it commits, another process claims it', async () => {
    await withQueue(SETTINGS, async ({ queue, transactions, inUnitOfWork, another }, claim) => {
      await inUnitOfWork(async () => runAsync(transactions, async () => {
        await queue.enqueue({ kind: KIND, payload: { n: 1 } });
        return err('refused');
      }));
      const thrown = await inUnitOfWork(async () => runAsync(transactions, async () => {
        await queue.enqueue({ kind: KIND, payload: { n: 2 } });
        throw new Error('a failure after the enqueue');
      })).then(() => null, (error: unknown) => error);
      assert.instance(thrown, Error);
      assert.equal(await claim(queue), [], 'neither rolled-back job exists');
      await inUnitOfWork(async () => runAsync(transactions, async () => ok(await queue.enqueue({ kind: KIND, payload: { n: 3 } }))));
      assert.equal((await claim(await another())).map((job) => job.payload), [{ n: 3 }]);
    });
  });

  test('when the same key is enqueued twice, then it is one job, with the first payload', async () => {
    await withQueue(SETTINGS, async ({ queue, inUnitOfWork }, claim) => {
      await inUnitOfWork(() => queue.enqueue({ kind: KIND, payload: { n: 1 }, key: 'export:7' }));
      await inUnitOfWork(() => queue.enqueue({ kind: KIND, payload: { n: 2 }, key: 'export:7' }));
      await inUnitOfWork(() => queue.enqueue({ kind: KIND, payload: { n: 3 }, key: 'export:8' }));
      assert.equal((await claim(queue)).map((job) => job.payload), [{ n: 1 }, { n: 3 }]);
    });
  });

  test('when a key is enqueued again after its job has run, then there is still no second job', async () => {
    await withQueue(SETTINGS, async ({ queue, inUnitOfWork }, claim) => {
      await inUnitOfWork(() => queue.enqueue({ kind: KIND, payload: { n: 1 }, key: 'reset:42' }));
      const [job] = await claim(queue);
      if (!job) throw new Error('the job is claimed');
      await inUnitOfWork(() => queue.complete(job));
      await inUnitOfWork(() => queue.enqueue({ kind: KIND, payload: { n: 2 }, key: 'reset:42' }));
      assert.equal(await claim(queue), []);
      assert.equal(await inUnitOfWork(() => queue.counts()), { queued: 0, running: 0, done: 1, failed: 0 });
    });
  });

  test('when a job may run only later, then it is not claimed before', async () => {
    await withQueue(SETTINGS, async ({ queue, inUnitOfWork }, claim) => {
      await inUnitOfWork(() => queue.enqueue({ kind: KIND, payload: {}, runAfter: new Date(Date.now() + 3_600_000) }));
      assert.equal(await claim(queue), []);
    });
  });

  test('when a worker dies holding a job, then another claims it once its lease has run out, as the next attempt; the dead attempt can no longer settle it', async () => {
    await withQueue(SHORT_LEASE, async ({ queue, inUnitOfWork, another }, claim) => {
      await inUnitOfWork(() => queue.enqueue({ kind: KIND, payload: {} }));
      const [first] = await claim(queue);
      const survivor = await another();
      assert.equal(await claim(survivor), [], 'not while the lease holds');
      await sleep(queue.leaseMs);
      // Some queues notice a lapsed lease on their next round of maintenance, within the promised 30 s.
      const claimedAgain: ClaimedJob[] = [];
      await eventually(async () => claimedAgain.push(...(await claim(survivor))) > 0, 'the job claimed again', LAPSED_LEASE_NOTICED_MS);
      const [second] = claimedAgain;
      assert.is(second?.id, first?.id);
      assert.is(second?.attempt, 2);
      if (!first || !second) return;
      await inUnitOfWork(() => queue.complete(first));
      assert.is(await inUnitOfWork(() => queue.extendLease(first)), false, 'the dead attempt has lost its lease');
      assert.is((await inUnitOfWork(() => queue.counts())).running, 1, 'the late completion changed nothing');
      await inUnitOfWork(() => survivor.complete(second));
      assert.equal(await inUnitOfWork(() => queue.counts()), { queued: 0, running: 0, done: 1, failed: 0 });
    });
  });

  test('when a worker extends its lease, then nobody else claims the job past the first lease', async () => {
    await withQueue(SHORT_LEASE, async ({ queue, inUnitOfWork, another }, claim) => {
      await inUnitOfWork(() => queue.enqueue({ kind: KIND, payload: {} }));
      const [job] = await claim(queue);
      const other = await another();
      // Three leases long, so that a queue's maintenance has had rounds to take the job if it were not kept.
      for (let beat = 0; beat < 9; beat++) {
        await sleep(queue.leaseMs / 3);
        assert.ok(job && (await inUnitOfWork(() => queue.extendLease(job))), 'the lease is still ours');
        assert.equal(await claim(other), []);
      }
    });
  });

  test('when an attempt fails for a transient reason, then the job waits for its retry; a permanent reason fails it at once, keeping the reason', async () => {
    await withQueue(SETTINGS, async ({ queue, inUnitOfWork }, claim) => {
      await inUnitOfWork(() => queue.enqueue({ kind: KIND, payload: { n: 1 }, key: 'transient' }));
      await inUnitOfWork(() => queue.enqueue({ kind: KIND, payload: { n: 2 }, key: 'permanent' }));
      const [transient, permanent] = await claim(queue);
      if (!transient || !permanent) throw new Error('both jobs are claimed');
      assert.is(await inUnitOfWork(() => queue.fail(transient, jobFailure('transient', '451 4.7.1 greylisted, try later'))), 'will-retry');
      assert.is(await inUnitOfWork(() => queue.fail(permanent, jobFailure('permanent', '550 5.1.1 no such mailbox'))), 'failed');
      assert.equal(await claim(queue), [], 'the retry is not due yet');
      assert.equal(await inUnitOfWork(() => queue.counts()), { queued: 1, running: 0, done: 0, failed: 1 });
      const [failed, ...others] = await inUnitOfWork(() => queue.list('failed', 10));
      assert.equal(others, []);
      assert.is(failed?.id, permanent.id);
      assert.is(failed?.attempts, 1);
      assert.is(failed?.lastError, '550 5.1.1 no such mailbox');
      const [waiting] = await inUnitOfWork(() => queue.list('queued', 10));
      assert.is(waiting?.lastError, '451 4.7.1 greylisted, try later');
      assert.ok((waiting?.runAfter.getTime() ?? 0) > Date.now() + SETTINGS.retryPolicy.baseDelayMs / 2, 'after the backoff');
    });
  });

  test('when the last attempt fails even transiently, then the job fails for good', async () => {
    const settings = { ...SETTINGS, retryPolicy: { maxAttempts: 1, baseDelayMs: 1 } };
    await withQueue(settings, async ({ queue, inUnitOfWork }, claim) => {
      await inUnitOfWork(() => queue.enqueue({ kind: KIND, payload: {} }));
      const [job] = await claim(queue);
      if (!job) throw new Error('the job is claimed');
      assert.is(await inUnitOfWork(() => queue.fail(job, jobFailure('transient', 'ECONNREFUSED'))), 'failed');
      assert.is((await inUnitOfWork(() => queue.counts())).failed, 1);
    });
  });

  test('when a failed job is retried by an operator, then it is due again with fresh attempts; an id of no failed job is refused', async () => {
    await withQueue(SETTINGS, async ({ queue, inUnitOfWork }, claim) => {
      await inUnitOfWork(() => queue.enqueue({ kind: KIND, payload: { n: 1 } }));
      const [job] = await claim(queue);
      if (!job) throw new Error('the job is claimed');
      await inUnitOfWork(() => queue.fail(job, jobFailure('permanent', '550 no such mailbox')));
      assert.is(await inUnitOfWork(() => queue.retry(job.id)), true);
      assert.is(await inUnitOfWork(() => queue.retry(job.id)), false, 'it is no longer failed');
      const [again] = await claim(queue);
      assert.is(again?.id, job.id);
      assert.is(again?.attempt, 1);
    });
  });

  test('when a stopping worker releases a job, then it is due again at once, the unfinished attempt not counted', async () => {
    await withQueue(SETTINGS, async ({ queue, inUnitOfWork, another }, claim) => {
      await inUnitOfWork(() => queue.enqueue({ kind: KIND, payload: {} }));
      const [job] = await claim(queue);
      if (!job) throw new Error('the job is claimed');
      await inUnitOfWork(() => queue.release(job));
      const [again] = await claim(await another());
      assert.is(again?.id, job.id);
      assert.is(again?.attempt, 1);
    });
  });

  test('when four processes claim 1,000 jobs together, then each job runs exactly once', async () => {
    await withQueue(SETTINGS, async ({ queue, inUnitOfWork, another }) => {
      const payloads = Array.from({ length: 1_000 }, (_, n) => ({ kind: KIND, payload: { n } }));
      await inUnitOfWork(async () => { for (const job of payloads) await queue.enqueue(job); });
      const workers = [queue, await another(), await another(), await another()];
      const ran: number[] = [];
      await Promise.all(workers.map(async (worker) => {
        for (;;) {
          const jobs = await inUnitOfWork(() => worker.claim([KIND], 25));
          if (jobs.length === 0) return;
          for (const job of jobs) {
            ran.push(Number(job.payload['n']));
            await inUnitOfWork(() => worker.complete(job));
          }
        }
      }));
      assert.is(ran.length, 1_000, 'no job ran twice');
      assert.is(new Set(ran).size, 1_000, 'every job ran');
      assert.equal(await inUnitOfWork(() => queue.counts()), { queued: 0, running: 0, done: 1_000, failed: 0 });
    });
  });

  test.run();
}
