import type { EntityManager } from '@mikro-orm/core';
import type { AbstractSqlConnection } from '@mikro-orm/knex';
import { readInTransaction, type PreparedReads, type ReadStatement, type ReadValue } from './prepared-reads.js';

/** The part of node-postgres' client that runs a named (prepared) statement. */
type PgClient = Readonly<{
  query(config: Readonly<{ name: string; text: string; values: ReadValue[] }>): Promise<{ rows: unknown[] }>;
}>;

type Pool = Readonly<{
  acquireConnection(): Promise<PgClient>;
  releaseConnection(connection: PgClient): Promise<void>;
}>;

/**
 * Hot reads on PostgreSQL as named prepared statements: node-postgres parses a name's statement
 * once per connection and afterwards sends only its values. Connections come from MikroORM's pool,
 * one per read, as for MikroORM's own queries; the server frees the statements with the connection.
 */
export class PostgreSqlPreparedReads implements PreparedReads {
  private readonly texts = new Map<string, string>();

  constructor(private readonly em: EntityManager) {}

  async all<Row>(statement: ReadStatement, values: readonly ReadValue[]): Promise<Row[]> {
    const inTransaction = readInTransaction<Row>(this.em, statement, values);
    if (inTransaction) return inTransaction;
    const pool = (this.em.getConnection() as AbstractSqlConnection).getKnex().client as Pool;
    const client = await pool.acquireConnection();
    try {
      const result = await client.query({ name: statement.name, text: this.textOf(statement), values: [...values] });
      return result.rows as Row[];
    } finally {
      await pool.releaseConnection(client);
    }
  }

  async close(): Promise<void> {}

  /** PostgreSQL numbers its placeholders: `?` becomes `$1`, `$2`… (the statements hold no `?` in literals). */
  private textOf(statement: ReadStatement): string {
    let text = this.texts.get(statement.name);
    if (text === undefined) {
      let number = 0;
      text = statement.sql.replace(/\?/g, () => `$${++number}`);
      this.texts.set(statement.name, text);
    }
    return text;
  }
}
