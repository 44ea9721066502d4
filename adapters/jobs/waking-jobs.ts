import type { Jobs } from '../../domain/ports/jobs.js';

/**
 * Jobs that prompt this process's worker to look for them at once instead of at its next poll,
 * so work enqueued by a request here starts within milliseconds. A job enqueued inside a
 * transaction may not be visible yet when the worker looks; it is then found at the next poll.
 */
export function wakingOnEnqueue(jobs: Jobs, wake: () => void): Jobs {
  return {
    enqueue: async (job) => {
      await jobs.enqueue(job);
      setImmediate(wake);
    },
  };
}
