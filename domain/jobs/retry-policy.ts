import type { Permanence } from './job.js';

/**
 * How often and how far apart a job whose failures are transient is tried. The delays double from
 * attempt to attempt, each a random point in its upper half (jitter, so jobs that failed together
 * do not return together); with the defaults, 8 attempts span roughly half an hour to an hour.
 * This is pg-boss's own backoff formula, so both queues space their retries alike.
 */
export type RetryPolicy = Readonly<{ maxAttempts: number; baseDelayMs: number }>;

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 15_000 };

/** The delay after failed attempt number `attempt` (1-based); `jitter` is a number in [0, 1). */
export function retryDelayMs(policy: RetryPolicy, attempt: number, jitter: number): number {
  const ceiling = policy.baseDelayMs * 2 ** Math.min(16, Math.max(1, attempt));
  return Math.round(ceiling / 2 + (ceiling / 2) * jitter);
}

/** Whether a job whose attempt `attempt` failed this way is tried again. */
export function willRetry(policy: RetryPolicy, attempt: number, permanence: Permanence): boolean {
  return permanence === 'transient' && attempt < policy.maxAttempts;
}
