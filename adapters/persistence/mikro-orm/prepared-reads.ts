import type { EntityManager } from '@mikro-orm/core';
import type { AbstractSqlConnection } from '@mikro-orm/knex';

/**
 * A read on the path of every logged-in page, prepared once per database connection and reused.
 * `name` identifies the statement on a connection; `sql` takes its values as `?` placeholders.
 */
export type ReadStatement = Readonly<{ name: string; sql: string }>;

export type ReadValue = string | number;

/**
 * The hot reads' way to the database, beside MikroORM's: each statement is parsed and planned once
 * per connection, then only bound and run. MikroORM's raw queries inline the values into the SQL
 * text, so each one is built, parsed and planned again; on the index page that cost about as much
 * as the queries themselves. MikroORM keeps the schema, the migrations and every write.
 */
export interface PreparedReads {
  all<Row>(statement: ReadStatement, values: readonly ReadValue[]): Promise<Row[]>;
  /** Releases every prepared statement; before the connections close. */
  close(): Promise<void>;
}

/** A prepared `select count(*) as count`; PostgreSQL counts as bigint, which its driver hands over as text. */
export async function preparedCount(reads: PreparedReads, statement: ReadStatement, values: readonly ReadValue[]): Promise<number> {
  const [row] = await reads.all<{ count: number | string }>(statement, values);
  return Number(row?.count ?? 0);
}

/**
 * Inside a MikroORM transaction a read must see the transaction's own writes, which only its
 * connection can: there the read goes through MikroORM on that connection. Null outside one.
 */
export function readInTransaction<Row>(em: EntityManager, statement: ReadStatement, values: readonly ReadValue[]): Promise<Row[]> | null {
  const transaction: unknown = em.getTransactionContext();
  if (transaction === undefined) return null;
  return (em.getConnection() as AbstractSqlConnection).execute<Row[]>(statement.sql, [...values], 'all', transaction);
}
