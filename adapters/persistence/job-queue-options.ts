import type { RetryPolicy } from '../../domain/jobs/retry-policy.js';
import type { Clock } from '../../domain/ports/clock.js';

export type JobQueueOptions = Readonly<{
  clock: Clock;
  /** How long a claim lasts unless its worker extends it; a job whose worker died is due again after it. */
  leaseMs: number;
  retryPolicy: RetryPolicy;
  /** A number in [0, 1) for each retry's delay. */
  jitter: () => number;
}>;
