import type { ResultAsync } from 'neverthrow';
import type { ServiceBusy } from '../errors.js';

/**
 * Password hashing is slow on purpose, so a server can do only so much of it at once: when more is
 * already waiting than it can finish soon, a call is refused at once (`ServiceBusy`, with when to
 * try again) instead of joining an ever longer wait.
 */
export interface PasswordHasher {
  hash(password: string): ResultAsync<string, ServiceBusy>;
  /** Compares in constant time; a malformed hash is simply not a match. */
  verify(hash: string, password: string): ResultAsync<boolean, ServiceBusy>;
  /** True when `hash` was made with weaker settings than the current ones, so it is worth redoing. */
  needsRehash(hash: string): boolean;
}
