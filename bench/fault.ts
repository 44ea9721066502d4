// The 500 path without a fault hook in the app: a second SQLite connection, as an operator's
// mistake or a broken migration would, renames the users table away under the running process.
// Every request that reads users then fails at once with a real driver error ("no such table"),
// and renaming the table back heals the app without a restart.
import { withSqliteFile } from '../test/support/sqlite-file.js';

const TABLE = 'users';
const HIDDEN = 'users_hidden_by_bench';

export async function hideUsersTable(databasePath: string): Promise<void> {
  await withSqliteFile(databasePath, (db) => db.exec(`ALTER TABLE "${TABLE}" RENAME TO "${HIDDEN}"`));
}

export async function restoreUsersTable(databasePath: string): Promise<void> {
  await withSqliteFile(databasePath, (db) => db.exec(`ALTER TABLE "${HIDDEN}" RENAME TO "${TABLE}"`));
}
