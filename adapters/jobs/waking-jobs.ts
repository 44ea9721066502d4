import { AsyncLocalStorage } from 'node:async_hooks';
import type { Jobs } from '../../domain/ports/jobs.js';

// Taken when the module loads, before any request or transaction: the context a wake-up runs in.
const outsideAnyRequest = AsyncLocalStorage.snapshot();

/**
 * Jobs that prompt this process's worker to look for them at once instead of at its next poll,
 * so work enqueued by a request here starts within milliseconds. A job enqueued inside a
 * transaction may not be visible yet when the worker looks; it is then found at the next poll.
 * The wake-up leaves the enqueuer's async context behind: MikroORM finds the current transaction
 * through AsyncLocalStorage, so a worker woken from inside `Transactions.run` would otherwise
 * claim, and schedule every later poll, on that transaction, finished by then.
 */
export function wakingOnEnqueue(jobs: Jobs, wake: () => void): Jobs {
  return {
    enqueue: async (job) => {
      await jobs.enqueue(job);
      setImmediate(() => outsideAnyRequest(wake));
    },
  };
}
