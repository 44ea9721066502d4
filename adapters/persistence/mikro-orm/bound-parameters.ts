import type { AnyEntity, EntityData, LoggingOptions, QueryResult, Transaction } from '@mikro-orm/core';
import type { AbstractSqlConnection, Knex } from '@mikro-orm/knex';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a mixin's base takes any constructor arguments
type SqlConnectionClass = new (...args: any[]) => AbstractSqlConnection;
type Row = QueryResult | EntityData<AnyEntity> | EntityData<AnyEntity>[];

/**
 * A connection that sends values to the database as bound parameters. MikroORM 6 writes every
 * value into the SQL text itself (`AbstractSqlConnection.execute` runs `platform.formatQuery`, and
 * no option turns that off), so its safety rests on its own quoting and a value the driver cannot
 * take in text breaks the whole statement. knex, underneath, binds whatever it is given: sqlite3
 * through `sqlite3_bind_*`, pg as the parameters of the extended query protocol. Every query the
 * ORM builds (finds, inserts, updates, deletes) and every raw one with values goes through here;
 * only a query handed over as a knex builder (MikroORM's batch paths, unused here) is still inlined.
 */
export function withBoundParameters<Base extends SqlConnectionClass>(Base: Base, toDriverValue: (value: unknown) => unknown): Base {
  abstract class BoundParametersConnection extends Base {
    override async execute<T extends Row = EntityData<AnyEntity>[]>(
      queryOrKnex: string | Knex.QueryBuilder | Knex.Raw,
      params: unknown[] = [],
      method: 'all' | 'get' | 'run' = 'all',
      ctx?: Transaction,
      loggerContext?: LoggingOptions,
    ): Promise<T> {
      // Without values there is nothing to bind, and the text may hold a literal `?` (a migration's, say).
      if (typeof queryOrKnex !== 'string' || params.length === 0) return super.execute<T>(queryOrKnex, params, method, ctx, loggerContext);
      await this.ensureConnection();
      const sql = this.config.get('onQuery')(queryOrKnex, params);
      const bindings = params.map((value) => (value === undefined ? null : toDriverValue(value))) as Knex.RawBinding[];
      return this.executeQuery(sql, async () => {
        const query = this.getKnex().raw(sql, bindings);
        if (ctx) void query.transacting(ctx as Knex.Transaction);
        return this.transformRawResult<T>(await query, method);
      }, { query: sql, params, ...loggerContext });
    }
  }
  return BoundParametersConnection;
}

/** SQLite keeps times as milliseconds since the epoch, as MikroORM's SQLite platform writes them. */
export function sqliteValue(value: unknown): unknown {
  return value instanceof Date ? value.getTime() : value;
}
