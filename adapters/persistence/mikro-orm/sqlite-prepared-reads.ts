import type { EntityManager } from '@mikro-orm/core';
import type { AbstractSqlConnection } from '@mikro-orm/knex';
import type { Database as Sqlite3Connection, Statement } from 'sqlite3';
import { readInTransaction, type PreparedReads, type ReadStatement, type ReadValue } from './prepared-reads.js';

/** What knex's pool hands out for the sqlite3 driver. */
type Pool = Readonly<{
  acquireConnection(): Promise<Sqlite3Connection>;
  releaseConnection(connection: Sqlite3Connection): Promise<void>;
}>;

/**
 * Hot reads on SQLite through the sqlite3 driver's own prepared `Statement`s, on the connections of
 * MikroORM's pool: a connection is taken from the pool for each read, as MikroORM takes one for
 * each query, so a read never runs inside another request's transaction. The pool keeps its
 * connections for the life of the process (see the SQLite dialect), and a connection with
 * unfinalized statements refuses to close: `close()` finalizes them before the pool shuts.
 */
export class SqlitePreparedReads implements PreparedReads {
  private readonly prepared = new Map<Sqlite3Connection, Map<string, Promise<Statement>>>();

  constructor(private readonly em: EntityManager) {}

  async all<Row>(statement: ReadStatement, values: readonly ReadValue[]): Promise<Row[]> {
    const inTransaction = readInTransaction<Row>(this.em, statement, values);
    if (inTransaction) return inTransaction;
    const pool = this.pool();
    const connection = await pool.acquireConnection();
    try {
      const prepared = await this.statementOn(connection, statement);
      return await new Promise<Row[]>((resolve, reject) => {
        prepared.all<Row>([...values], (error, rows) => (error ? reject(error) : resolve(rows)));
      });
    } finally {
      await pool.releaseConnection(connection);
    }
  }

  async close(): Promise<void> {
    const statements = [...this.prepared.values()].flatMap((byName) => [...byName.values()]);
    this.prepared.clear();
    await Promise.all(statements.map(async (pending) => {
      const statement = await pending.catch(() => null);
      if (statement) await new Promise<void>((resolve) => statement.finalize(() => resolve()));
    }));
  }

  private statementOn(connection: Sqlite3Connection, statement: ReadStatement): Promise<Statement> {
    let byName = this.prepared.get(connection);
    if (!byName) this.prepared.set(connection, (byName = new Map<string, Promise<Statement>>()));
    const known = byName.get(statement.name);
    if (known) return known;
    const preparing = new Promise<Statement>((resolve, reject) => {
      const prepared: Statement = connection.prepare(statement.sql, (error: Error | null) => (error ? reject(error) : resolve(prepared)));
    });
    // A statement that failed to prepare (its table renamed away, say) is prepared again next time.
    preparing.catch(() => byName.delete(statement.name));
    byName.set(statement.name, preparing);
    return preparing;
  }

  private pool(): Pool {
    return (this.em.getConnection() as AbstractSqlConnection).getKnex().client as Pool;
  }
}
