// The 500 path without a fault hook in the app: a second SQLite connection, as an operator's
// mistake or a broken migration would, renames the users table away under the running process.
// Every request that reads users then fails at once with a real driver error ("no such table"),
// and renaming the table back heals the app without a restart.
import sqlite3 from 'sqlite3';

const TABLE = 'users';
const HIDDEN = 'users_hidden_by_bench';

export async function hideUsersTable(databasePath: string): Promise<void> {
  await exec(databasePath, `ALTER TABLE "${TABLE}" RENAME TO "${HIDDEN}"`);
}

export async function restoreUsersTable(databasePath: string): Promise<void> {
  await exec(databasePath, `ALTER TABLE "${HIDDEN}" RENAME TO "${TABLE}"`);
}

async function exec(databasePath: string, sql: string): Promise<void> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const opened: sqlite3.Database = new sqlite3.Database(databasePath, (error) => (error ? reject(error) : resolve(opened)));
  });
  try {
    await run(db, 'PRAGMA busy_timeout = 5000');
    await run(db, sql);
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}

function run(db: sqlite3.Database, sql: string): Promise<void> {
  return new Promise((resolve, reject) => db.exec(sql, (error) => (error ? reject(error) : resolve())));
}
