/**
 * Failed logins, by key (an account, a client address), shared by every process of the app, so
 * password guessing is slowed down however requests are spread.
 */
export interface LoginAttemptLog {
  recordFailure(keys: readonly string[], at: Date): Promise<void>;
  /** The times of the failures under `key` since `since`, oldest first. */
  failuresSince(key: string, since: Date): Promise<Date[]>;
  clear(key: string): Promise<void>;
}
