import { usernameKey } from './user-rules.js';

export type ThrottleRule = Readonly<{ maxFailures: number; windowMs: number }>;

// Per account: enough for a few typos, too few for guessing. Per client address: several people
// may share one (an office behind NAT), so it is looser.
export const ACCOUNT_RULE: ThrottleRule = { maxFailures: 5, windowMs: 15 * 60_000 };
export const ADDRESS_RULE: ThrottleRule = { maxFailures: 20, windowMs: 15 * 60_000 };

export const accountKey = (username: string): string => `account:${usernameKey(username)}`;
export const addressKey = (address: string): string => `address:${address}`;

/**
 * How long until the failures allow another try (0 when they already do): the window must pass
 * over enough of the oldest failures to bring the count below the limit.
 */
export function waitBeforeNextTry(failures: readonly Date[], rule: ThrottleRule, now: Date): number {
  if (failures.length < rule.maxFailures) return 0;
  const unblocking = failures[failures.length - rule.maxFailures];
  if (!unblocking) return 0;
  return Math.max(0, unblocking.getTime() + rule.windowMs - now.getTime());
}
