import type { ResultAsync } from 'neverthrow';

/**
 * All-or-nothing writes, for a use case that writes more than once: a failure after its first
 * write must not leave the others undone, since a retry could then never repair the difference.
 */
export interface Transactions {
  /**
   * Runs `work` as one transaction. Its writes through the repositories are kept together when it
   * returns ok; none of them is kept when it returns an error or throws (the exception then goes on).
   * Keep slow work (a password hash) outside: other writers wait while it runs.
   */
  run<T, E>(work: () => ResultAsync<T, E>): ResultAsync<T, E>;
}
