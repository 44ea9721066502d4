import type { Configuration, EntityManager, MigrationObject, Options } from '@mikro-orm/core';
import { sqliteValue, withBoundParameters } from './bound-parameters.js';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { JobQueue } from '../../../domain/ports/jobs.js';
import type { JobQueueOptions } from '../job-queue-options.js';
import type { KeyExclusion } from './mikro-orm-login-attempt-log.js';
import type { PostSearch } from '../../../domain/ports/post-search.js';
import { MikroOrmPostSearch } from './mikro-orm-post-search.js';
import type { PostIndexStatement } from './mikro-orm-post-repository.js';
import { POSTGRESQL_SEARCH } from './postgresql-search-sql.js';
import { RememberedRankingSearch } from './remembered-ranking-search.js';
import { SQLITE_INDEX_POST, SQLITE_SEARCH } from './sqlite-search-sql.js';
import { SqliteJobQueue } from './sqlite-job-queue.js';
import type { PreparedReads } from './prepared-reads.js';
import { PostgreSqlPreparedReads } from './postgresql-prepared-reads.js';
import { SqlitePreparedReads } from './sqlite-prepared-reads.js';
import { withAppSqliteDialect } from './sqlite-knex-dialect.js';
import { SQLITE_BUSY_TIMEOUT_MS } from './sqlite-lock-waits.js';

export type DatabaseLocation =
  | Readonly<{ dialect: 'sqlite'; path: string }>
  | Readonly<{ dialect: 'postgresql'; url: string }>;

/** Callback-style connection handed to knex's pool hook by the sqlite3 driver. */
type Sqlite3Connection = { exec(sql: string, done: (error: Error | null) => void): void };

// WAL lets readers run beside a writer; the busy timeout makes a writer wait a moment for the lock
// in place before it is refused and waits on a timer (https://www.sqlite.org/wal.html,
// https://www.sqlite.org/c3ref/busy_timeout.html, `sqlite-lock-waits.ts`).
const SQLITE_PRAGMAS = `PRAGMA journal_mode = WAL; PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;`;

// A lost server must fail requests within seconds (a custom 500), not hang them for knex's default
// minute; the pool then opens fresh connections by itself once the server is back.
const POSTGRESQL_TIMEOUT_MS = 5_000;

export type Dialect = Readonly<{
  options: Options;
  /** The dialect's migrations, loaded only when some are pending. */
  migrations: () => Promise<MigrationObject[]>;
  /** The hot reads' prepared statements, on the connections of `em`'s pool. */
  preparedReads: (em: EntityManager) => PreparedReads;
  /** How counting and recording the attempts under one key is made atomic. */
  keyExclusion: KeyExclusion;
  /** The queue of background work, in this database; `log` takes what it reports of itself. */
  jobQueue: (em: SqlEntityManager, options: JobQueueOptions, log: (message: string) => void) => Promise<ClosableJobQueue>;
  /** A username in ASCII lower case, in SQL: the expression of the unique index on users' names. */
  foldedUsername: string;
  /** How a new post is indexed; null where the database indexes every post itself, in the post's own insert. */
  indexPost: PostIndexStatement | null;
  /** Search in the dialect's full-text index, through the hot reads. */
  postSearch: (reads: PreparedReads) => PostSearch;
}>;

/** A job queue and how to let go of what it holds besides the ORM's connections. */
export type ClosableJobQueue = Readonly<{ queue: JobQueue; close: () => Promise<void> }>;

const MIGRATION_OPTIONS = { transactional: true, snapshot: false } as const;

/**
 * What differs between the dialects: the driver, where the data is, the migrations, the pool. Only
 * the chosen dialect's driver is loaded: the other one costs start-up time and memory.
 */
export async function dialectOf(location: DatabaseLocation): Promise<Dialect> {
  switch (location.dialect) {
    case 'sqlite': {
      const { AbstractSqlDriver, SqliteConnection, SqlitePlatform } = await import('@mikro-orm/sqlite');
      const connection = withAppSqliteDialect(withBoundParameters(SqliteConnection, sqliteValue));
      // MikroORM's SqliteDriver with the connection swapped for one that binds its values.
      class SqliteDriver extends AbstractSqlDriver<InstanceType<typeof connection>> {
        constructor(config: Configuration) {
          super(config, new SqlitePlatform(), connection, ['knex', 'sqlite3']);
        }
      }
      return {
        options: {
          driver: SqliteDriver,
          dbName: location.path,
          migrations: MIGRATION_OPTIONS,
          // Four connections read side by side (WAL). The pool keeps them all for the life of the
          // process, never closing an idle one: each holds its own prepared hot reads.
          pool: {
            min: 4,
            max: 4,
            afterCreate: (connection: Sqlite3Connection, done: (error: Error | null, connection: Sqlite3Connection) => void) =>
              connection.exec(SQLITE_PRAGMAS, (error) => done(error, connection)),
          },
        },
        migrations: async () => (await import('./migrations/sqlite/index.js')).sqliteMigrations,
        preparedReads: (em) => new SqlitePreparedReads(em, location.path),
        // A write statement holds the database's one write lock from start to end, so one statement
        // is atomic. A transaction would hold the lock across round trips, each queued for a thread
        // of libuv's pool behind whatever password hashes are waiting: every login's writes would
        // wait on other people's hashes.
        keyExclusion: 'one-statement',
        jobQueue: async (em, options) => ({ queue: new SqliteJobQueue(em, options), close: async () => {} }),
        // Built-in lower() folds ASCII letters only (https://www.sqlite.org/lang_corefunc.html#lower).
        foldedUsername: 'lower(username)',
        indexPost: SQLITE_INDEX_POST,
        postSearch: (reads) => new RememberedRankingSearch(reads, SQLITE_SEARCH),
      };
    }
    case 'postgresql': {
      const { AbstractSqlDriver, PostgreSqlConnection, PostgreSqlPlatform } = await import('@mikro-orm/postgresql');
      // pg turns a Date into a timestamp with its offset itself.
      const connection = withBoundParameters(PostgreSqlConnection, (value) => value);
      // MikroORM's PostgreSqlDriver with the connection swapped for one that binds its values.
      class PostgreSqlDriver extends AbstractSqlDriver<InstanceType<typeof connection>> {
        constructor(config: Configuration) {
          super(config, new PostgreSqlPlatform(), connection, ['knex', 'pg']);
        }
      }
      return {
        options: {
          driver: PostgreSqlDriver,
          clientUrl: location.url,
          migrations: MIGRATION_OPTIONS,
          pool: { min: 0, max: 10, acquireTimeoutMillis: POSTGRESQL_TIMEOUT_MS },
          driverOptions: {
            acquireConnectionTimeout: POSTGRESQL_TIMEOUT_MS,
            connection: { connectionTimeoutMillis: POSTGRESQL_TIMEOUT_MS, statement_timeout: 2 * POSTGRESQL_TIMEOUT_MS },
          },
        },
        migrations: async () => (await import('./migrations/postgresql/index.js')).postgresqlMigrations,
        preparedReads: (em) => new PostgreSqlPreparedReads(em),
        // A transaction-scoped advisory lock (https://www.postgresql.org/docs/15/functions-admin.html#FUNCTIONS-ADVISORY-LOCKS):
        // two keys with one hash only wait for each other, they never share counts.
        keyExclusion: { lockSql: 'select pg_advisory_xact_lock(hashtext(?))' },
        // pg-boss, loaded only here like the driver.
        jobQueue: async (em, options, log) => {
          const { PgBossJobQueue } = await import('./pg-boss-job-queue.js');
          const queue = new PgBossJobQueue(em, location.url, options, log);
          return { queue, close: () => queue.close() };
        },
        // lower() follows the database's locale (a Turkish one turns `I` into `ı`) except under the
        // "C" collation, where it folds ASCII letters only.
        foldedUsername: 'lower(username collate "C")',
        // The vector is a generated column of the post's own row: there is no index of its own to be
        // missing, and the configuration and unaccent it is made with cannot be dropped while it
        // depends on them, so indexing cannot fail apart from the post's insert.
        indexPost: null,
        // Ranking with ts_rank_cd weighs each post by its own words only, with no count over the
        // whole index, so each page ranks again, cheaply; and PostgreSQL may commit posts out of
        // the order of their ids, which a remembered ranking would rely on.
        postSearch: (reads) => new MikroOrmPostSearch(reads, POSTGRESQL_SEARCH),
      };
    }
  }
}
