import { ResultAsync, type Result } from 'neverthrow';
import type { Transactions } from '../../domain/ports/transactions.js';

/**
 * A test's fake or work written as an async function, as the ResultAsync the ports take: the
 * tests check what comes out, so they may write the steps in whichever way reads best.
 */
export function resultOf<T, E>(promise: Promise<Result<T, E>>): ResultAsync<T, E> {
  return ResultAsync.fromSafePromise(promise).andThen((result) => result);
}

/** `transactions.run` with work written as an async function. */
export function runAsync<T, E>(transactions: Transactions, work: () => Promise<Result<T, E>>): ResultAsync<T, E> {
  return transactions.run(() => resultOf(work()));
}
