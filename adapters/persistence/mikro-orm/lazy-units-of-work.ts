import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from '@mikro-orm/core';

/** One unit of work's EntityManager, forked from the global one when a query first asks for it. */
class LazyFork {
  #em: EntityManager | undefined;
  #forking = false;

  constructor(private readonly global: EntityManager) {}

  /** Undefined while the fork is being made: MikroORM asks for the context then, and gets the global one, as outside a unit. */
  get(): EntityManager | undefined {
    if (this.#em === undefined && !this.#forking) {
      this.#forking = true;
      try {
        this.#em = this.global.fork({ useContext: true });
      } finally {
        this.#forking = false;
      }
    }
    return this.#em;
  }
}

/**
 * Units of work whose EntityManager is forked at its first use: most anonymous pages run no query,
 * and need no EntityManager of their own. MikroORM finds the current unit's EntityManager through
 * `entityManager`, given as its `context` option.
 */
export class LazyUnitsOfWork {
  readonly #current = new AsyncLocalStorage<LazyFork>();

  run<T>(global: EntityManager, work: () => Promise<T>): Promise<T> {
    return this.#current.run(new LazyFork(global), work);
  }

  /** The current unit's EntityManager, forked now if it was not yet; none outside a unit. */
  entityManager(): EntityManager | undefined {
    return this.#current.getStore()?.get();
  }
}
