import { ok, ResultAsync, safeTry } from 'neverthrow';
import type { Transactions } from '../../../domain/ports/transactions.js';

/** An in-memory store whose whole state can be saved, and put back by the function returned. */
export interface Restorable {
  snapshot(): () => void;
}

/** Saves a map whose values are replaced, never changed in place. */
export function snapshotOf<Key, Value>(map: Map<Key, Value>): () => void {
  const saved = [...map];
  return () => {
    map.clear();
    for (const [key, value] of saved) map.set(key, value);
  };
}

/**
 * Transactions over in-memory stores, for domain tests: a refused or failed run puts back every
 * store as it was when the run began. Runs take turns, as writers do on a database's lock, so one
 * run's rollback never undoes another's writes; a run inside a run would wait for itself.
 */
export class InMemoryTransactions implements Transactions {
  private previous: PromiseLike<unknown> = Promise.resolve();

  constructor(private readonly stores: readonly Restorable[]) {}

  run<T, E>(work: () => ResultAsync<T, E>): ResultAsync<T, E> {
    const turn = ResultAsync.fromSafePromise(this.previous).andThen(() => this.runAlone(work));
    this.previous = turn.then(() => undefined, () => undefined);
    return turn;
  }

  private runAlone<T, E>(work: () => ResultAsync<T, E>): ResultAsync<T, E> {
    const restores = this.stores.map((store) => store.snapshot());
    const rollBack = () => { for (const restore of restores) restore(); };
    // A refusal rolls back through orTee; an exception rolls back here and goes on to the caller.
    return safeTry(async function* () {
      try {
        return ok(yield* work());
      } catch (error) {
        rollBack();
        throw error;
      }
    }).orTee(rollBack);
  }
}
