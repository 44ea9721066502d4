/** One attempt recorded by `reserve`, for taking it back if it could not be made after all. */
export type AttemptId = string & { readonly __brand: 'AttemptId' };

/** How long attempts are kept: longer than any throttle looks back. A key's older ones go when it gets a new one. */
export const ATTEMPT_RETENTION_MS = 24 * 60 * 60 * 1000;

/** Room under a key: at most `limit` attempts since `since`. */
export type AttemptRoom = Readonly<{ key: string; since: Date; limit: number }>;

/**
 * Failed logins, by key (an account, a client address), shared by every process of the app, so
 * password guessing is slowed down however requests are spread.
 */
export interface LoginAttemptLog {
  /**
   * Records one attempt under each room's key before it is made, if every key has room for one
   * more; null, with nothing recorded, when any has none. Atomic across every process of the app:
   * of attempts arriving together, no more are recorded under a key than there was room for, so
   * guesses sent at once are counted like guesses sent in turn.
   */
  reserve(rooms: readonly AttemptRoom[], at: Date): Promise<AttemptId[] | null>;
  /** Takes back reserved attempts that were never made, or that must not count (a login that succeeded). */
  withdraw(attempts: readonly AttemptId[]): Promise<void>;
  recordFailure(keys: readonly string[], at: Date): Promise<void>;
  /** The times of the failures under `key` since `since`, oldest first. */
  failuresSince(key: string, since: Date): Promise<Date[]>;
  clear(key: string): Promise<void>;
}
