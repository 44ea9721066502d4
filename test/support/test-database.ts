// Where a test's data lives: a SQLite file in a temporary folder by default, or, when
// TEST_DATABASE_URL names a PostgreSQL server (as `npm run test:pg` does), a fresh database on it.
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Database, type DatabaseLocation, type DatabaseLog } from '../../adapters/persistence/mikro-orm/database.js';
import { withSqliteFile } from './sqlite-file.js';

export type TestDatabase = Readonly<{
  location: DatabaseLocation;
  /** The SQLite file, for tests that take it away under the app; null on PostgreSQL. */
  sqlitePath: string | null;
  drop: () => Promise<void>;
}>;

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? null;
export const testDialect: DatabaseLocation['dialect'] = TEST_DATABASE_URL ? 'postgresql' : 'sqlite';

export function createTestDatabase(): Promise<TestDatabase> {
  return TEST_DATABASE_URL ? createPostgresDatabase(TEST_DATABASE_URL) : createSqliteDatabase();
}

/** Runs `work` on a fresh test database, dropped afterwards whatever happens. */
export async function withTestDatabase<T>(work: (database: TestDatabase) => Promise<T>): Promise<T> {
  const database = await createTestDatabase();
  return work(database).finally(() => database.drop());
}

export async function createSqliteDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'microblog-db-'));
  const path = join(dir, 'app.db');
  return { location: { dialect: 'sqlite', path }, sqlitePath: path, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The app's `Database` on a fresh, migrated SQLite file, closed and removed afterwards: for tests of
 * the SQLite adapter itself. `log` hears what the database reports (silent by default).
 */
export async function withMigratedSqlite<T>(work: (database: Database, path: string) => Promise<T>, log?: DatabaseLog): Promise<T> {
  const file = await createSqliteDatabase();
  const path = file.sqlitePath ?? '';
  const database = await Database.open({ dialect: 'sqlite', path }, log);
  try {
    await database.migrate();
    return await work(database, path);
  } finally {
    await database.close();
    await file.drop();
  }
}

/** A new, empty database on the server `serverUrl` points at, dropped afterwards; `settings` end its `create database`. */
export async function createPostgresDatabase(serverUrl: string, settings = ''): Promise<TestDatabase> {
  const name = `microblog_test_${randomBytes(6).toString('hex')}`;
  await administer(serverUrl, `create database "${name}" ${settings}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    location: { dialect: 'postgresql', url: url.toString() },
    sqlitePath: null,
    drop: () => administer(serverUrl, `drop database if exists "${name}" with (force)`),
  };
}

/** Runs `sql` on the database behind the app's back, as an operator's console would. */
export async function runSql(location: DatabaseLocation, sql: string): Promise<void> {
  if (location.dialect === 'postgresql') return administer(location.url, sql);
  await withSqliteFile(location.path, (db) => db.exec(sql));
}

/** Reads rows behind the app's back, to compare what is stored before and after. */
export async function readRows(location: DatabaseLocation, sql: string): Promise<unknown[]> {
  if (location.dialect === 'sqlite') return withSqliteFile(location.path, (db) => db.all(sql, []));
  return withPostgres(location.url, async (client) => (await client.query<Record<string, unknown>>(sql)).rows);
}

function administer(serverUrl: string, sql: string): Promise<void> {
  return withPostgres(serverUrl, async (client) => {
    await client.query(sql);
  });
}

async function withPostgres<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
