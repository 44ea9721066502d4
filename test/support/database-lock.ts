import sqlite3 from 'sqlite3';
import { withSqliteFile } from './sqlite-file.js';

export type DatabaseLock = Readonly<{ release: () => Promise<void> }>;

/**
 * Makes the app's real SQLite file unavailable the way a stuck job or a backup tool would: a second
 * connection holds an exclusive transaction, so the app's next write fails as busy once its whole
 * wait for the lock (5 s) is over. `release` rolls back and closes, and the file is usable again.
 */
export async function lockDatabase(path: string): Promise<DatabaseLock> {
  const db = await new Promise<sqlite3.Database>((done, fail) => {
    const opened: sqlite3.Database = new sqlite3.Database(path, (error) => (error ? fail(error) : done(opened)));
  });
  try {
    await exec(db, 'BEGIN EXCLUSIVE');
  } catch (error) {
    await close(db);
    throw error;
  }
  let released: Promise<void> | null = null;
  return {
    release: () => (released ??= exec(db, 'ROLLBACK').finally(() => close(db))),
  };
}

/**
 * Takes a table away from under the app, as a botched migration or restore would: every statement
 * that needs it fails at once with "no such table", a failure nobody planned for (a 500).
 * `release` puts the table back as it was.
 */
export async function hideTable(path: string, table: string): Promise<DatabaseLock> {
  const hidden = `${table}_hidden`;
  await withSqliteFile(path, (file) => file.exec(`ALTER TABLE "${table}" RENAME TO "${hidden}"`));
  let released: Promise<void> | null = null;
  return {
    release: () => (released ??= withSqliteFile(path, (file) => file.exec(`ALTER TABLE "${hidden}" RENAME TO "${table}"`))),
  };
}

function exec(db: sqlite3.Database, sql: string): Promise<void> {
  return new Promise((done, fail) => db.exec(sql, (error) => (error ? fail(error) : done())));
}

function close(db: sqlite3.Database): Promise<void> {
  return new Promise((done) => db.close(() => done()));
}
