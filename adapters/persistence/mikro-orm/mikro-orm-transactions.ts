import type { EntityManager } from '@mikro-orm/core';
import { ResultAsync } from 'neverthrow';
import type { Transactions } from '../../../domain/ports/transactions.js';

/** Carries a refusal out of MikroORM's transaction, which rolls back on any exception. */
class Refused extends Error {
  constructor(readonly refusal: unknown) {
    super('the transaction is rolled back: its work returned an error');
  }
}

/**
 * Transactions with MikroORM. Inside `run`, MikroORM resolves every repository's EntityManager to
 * the transaction's own fork, so the repositories' writes and reads take part without being told.
 */
export class MikroOrmTransactions implements Transactions {
  constructor(private readonly em: EntityManager) {}

  run<T, E>(work: () => ResultAsync<T, E>): ResultAsync<T, E> {
    const committed = this.em.transactional(() => work().match((value) => value, (refusal) => { throw new Refused(refusal); }));
    return ResultAsync.fromPromise(committed, refusalOf<E>);
  }
}

/** The work's own error; any other exception is a failure, not a refusal, and goes on as it is. */
function refusalOf<E>(error: unknown): E {
  if (error instanceof Refused) return error.refusal as E;
  throw error;
}
