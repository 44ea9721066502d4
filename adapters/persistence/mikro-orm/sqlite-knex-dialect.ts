import { SqliteKnexDialect, type AbstractSqlConnection } from '@mikro-orm/knex';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a mixin's base takes any constructor arguments
type SqliteConnectionClass = new (...args: any[]) => AbstractSqlConnection;

/** The part of a knex transaction this file changes. */
type KnexTransaction = { begin(connection: unknown): Promise<unknown>; query(connection: unknown, sql: string): Promise<unknown> };

/**
 * knex's SQLite dialect, starting each transaction with BEGIN IMMEDIATE. A plain BEGIN takes the
 * write lock only at the first write; if another connection wrote since this transaction's first
 * read, SQLite answers SQLITE_BUSY at once, without waiting for the busy timeout
 * (https://www.sqlite.org/isolation.html). IMMEDIATE takes the lock at the start, waiting for it like
 * any other write, so a transaction may read before it writes. Savepoints (nested transactions) are
 * begun by knex's own `savepoint`, unchanged.
 */
class ImmediateSqliteDialect extends SqliteKnexDialect {
  transaction(...args: unknown[]): KnexTransaction {
    // knex's dialect classes come untyped through MikroORM.
    const transaction = (super.transaction as (this: unknown, ...args: unknown[]) => KnexTransaction).call(this, ...args);
    transaction.begin = (connection) => transaction.query(connection, 'BEGIN IMMEDIATE;');
    return transaction;
  }
}

/** A SQLite connection whose transactions take the write lock when they begin. */
export function withImmediateTransactions<Base extends SqliteConnectionClass>(Base: Base): Base {
  abstract class ImmediateTransactionsConnection extends Base {
    override createKnex(): void {
      // MikroORM's own SQLite connection hands its dialect class where the type says a client name.
      this.client = this.createKnexClient(ImmediateSqliteDialect as unknown as string);
      this.connected = true;
    }
  }
  return ImmediateTransactionsConnection;
}
