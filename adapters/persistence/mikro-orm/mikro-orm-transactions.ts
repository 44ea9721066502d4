import type { EntityManager } from '@mikro-orm/core';
import type { Result } from 'neverthrow';
import type { Transactions } from '../../../domain/ports/transactions.js';

/** Carries a refused outcome out of MikroORM's transaction, which rolls back on any exception. */
class Refused<T, E> extends Error {
  constructor(readonly result: Result<T, E>) {
    super('the transaction is rolled back: its work returned an error');
  }
}

/**
 * Transactions with MikroORM. Inside `run`, MikroORM resolves every repository's EntityManager to
 * the transaction's own fork, so the repositories' writes and reads take part without being told.
 */
export class MikroOrmTransactions implements Transactions {
  constructor(private readonly em: EntityManager) {}

  async run<T, E>(work: () => Promise<Result<T, E>>): Promise<Result<T, E>> {
    try {
      return await this.em.transactional(async () => {
        const result = await work();
        if (result.isErr()) throw new Refused(result);
        return result;
      });
    } catch (error) {
      if (error instanceof Refused) return error.result as Result<T, E>;
      throw error;
    }
  }
}
