import { SqliteKnexDialect, type AbstractSqlConnection } from '@mikro-orm/knex';
import { retryWhileBusy, TransactionTurns } from './sqlite-lock-waits.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a mixin's base takes any constructor arguments
type SqliteConnectionClass = new (...args: any[]) => AbstractSqlConnection;

/** The part of a knex transaction this file changes. */
type KnexTransaction = {
  begin(connection: unknown): Promise<unknown>;
  acquireConnection(config: unknown, work: (connection: unknown) => Promise<unknown>): Promise<unknown>;
  trxClient: { query(connection: unknown, sql: string): Promise<unknown> };
};

/**
 * knex's SQLite dialect as this app needs it.
 *
 * Each transaction starts with BEGIN IMMEDIATE. A plain BEGIN takes the write lock only at the
 * first write; if another connection wrote since this transaction's first read, SQLite answers
 * SQLITE_BUSY at once, without waiting (https://www.sqlite.org/isolation.html). IMMEDIATE takes the
 * lock at the start, waiting for it like any other write, so a transaction may read before it
 * writes. Savepoints (nested transactions) are begun by knex's own `savepoint`, unchanged.
 *
 * The transactions of this process take turns before they begin, and every statement waits for the
 * lock on a timer, not on a thread (see `sqlite-lock-waits.ts`).
 */
class AppSqliteDialect extends SqliteKnexDialect {
  private readonly turns = new TransactionTurns();
  /** True on the client of a transaction already begun, whose own transactions are savepoints. */
  declare transacting: boolean;

  override _query(connection: unknown, query: unknown): Promise<unknown> {
    return retryWhileBusy(() => super._query(connection, query));
  }

  transaction(...args: unknown[]): KnexTransaction {
    // knex's dialect classes come untyped through MikroORM.
    const transaction = (super.transaction as (this: unknown, ...args: unknown[]) => KnexTransaction).call(this, ...args);
    // Straight to the client, past knex's own `begin`: that one swallows a failed BEGIN and hands
    // the caller a transaction already over, whose first statement then fails with a knex error
    // that hides the SQLITE_BUSY behind it.
    transaction.begin = (connection) => transaction.trxClient.query(connection, 'BEGIN IMMEDIATE;');
    if (!this.transacting) {
      // The turn is taken before a connection: a transaction waiting for its turn holds none.
      const acquire = transaction.acquireConnection.bind(transaction);
      transaction.acquireConnection = (config, work) => this.turns.take(() => acquire(config, work));
    }
    return transaction;
  }
}

/** A SQLite connection whose transactions take the write lock when they begin, and whose statements wait for it on timers. */
export function withAppSqliteDialect<Base extends SqliteConnectionClass>(Base: Base): Base {
  abstract class AppSqliteConnection extends Base {
    override createKnex(): void {
      // MikroORM's own SQLite connection hands its dialect class where the type says a client name.
      this.client = this.createKnexClient(AppSqliteDialect as unknown as string);
      this.connected = true;
    }
  }
  return AppSqliteConnection;
}
