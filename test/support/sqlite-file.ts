// A connection of its own to an app's SQLite file, beside the app's: for tests and the bench that
// change the database behind the app's back (faults, seeding, an operator's console).
import sqlite3 from 'sqlite3';

export type SqliteFile = Readonly<{
  exec: (sql: string) => Promise<void>;
  /** Runs one statement; returns the id of the row it inserted, if any. */
  run: (sql: string, params: readonly unknown[]) => Promise<number>;
  get: <Row>(sql: string, params: readonly unknown[]) => Promise<Row | undefined>;
  all: <Row>(sql: string, params: readonly unknown[]) => Promise<Row[]>;
}>;

/** Opens `databasePath` (waiting up to 5 s for the app's locks), runs `work` with it, and closes it. */
export async function withSqliteFile<T>(databasePath: string, work: (db: SqliteFile) => Promise<T>): Promise<T> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const opened: sqlite3.Database = new sqlite3.Database(databasePath, (error) => (error ? reject(error) : resolve(opened)));
  });
  const file: SqliteFile = {
    exec: (sql) => new Promise((resolve, reject) => db.exec(sql, (error) => (error ? reject(error) : resolve()))),
    run: (sql, params) => new Promise((resolve, reject) => db.run(sql, params, function ran(this: sqlite3.RunResult, error: Error | null) {
      if (error) reject(error);
      else resolve(this.lastID);
    })),
    get: <Row>(sql: string, params: readonly unknown[]) => new Promise<Row | undefined>((resolve, reject) =>
      db.get(sql, params, (error, row: Row | undefined) => (error ? reject(error) : resolve(row)))),
    all: <Row>(sql: string, params: readonly unknown[]) => new Promise<Row[]>((resolve, reject) =>
      db.all(sql, params, (error, rows: Row[]) => (error ? reject(error) : resolve(rows)))),
  };
  try {
    await file.exec('PRAGMA busy_timeout = 5000');
    return await work(file);
  } finally {
    await new Promise<void>((settle) => db.close(() => settle()));
  }
}
