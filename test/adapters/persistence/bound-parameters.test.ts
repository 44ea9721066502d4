import pg from 'pg';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Database } from '../../../adapters/persistence/mikro-orm/database.js';
import type { User } from '../../../domain/user.js';
import { testDialect, withTestDatabase } from '../../support/test-database.js';

// Values travel to the database as bound parameters, never inside the statement's text. Runs on
// SQLite with `npm test` and on PostgreSQL with `npm run test:pg`; each dialect shows it its own way.

const MARKER = "it's-a-marker-?-$1";

async function withMigratedDatabase(work: (database: Database, url: string | null) => Promise<void>): Promise<void> {
  await withTestDatabase(async (testDatabase) => {
    const database = await Database.open(testDatabase.location);
    try {
      await database.migrate();
      await work(database, testDatabase.location.dialect === 'postgresql' ? testDatabase.location.url : null);
    } finally {
      await database.close();
    }
  });
}

async function addUser(database: Database): Promise<User> {
  const added = await database.inUnitOfWork(async () => database.users.add({ username: 'susan', email: 'susan@example.com', passwordHash: 'hash', lastSeen: null }));
  return added._unsafeUnwrap();
}

if (testDialect === 'sqlite') {
  test('when an about-me holds a NUL, then SQLite stores and returns it whole, as only a bound value can be', () =>
    withMigratedDatabase(async (database) => {
      const user = await addUser(database);
      const aboutMe = `before\u0000after ${MARKER}`;
      await database.inUnitOfWork(async () => database.users.updateProfile(user.id, { username: 'susan', aboutMe }));
      const stored = await database.inUnitOfWork(() => database.users.findById(user.id));
      assert.is(stored?.aboutMe, aboutMe);
    }));
} else {
  test('when a value is written, then PostgreSQL received a placeholder and the value apart', () =>
    withMigratedDatabase(async (database, url) => {
      const user = await addUser(database);
      await database.inUnitOfWork(() => database.users.updatePasswordHash(user.id, MARKER));
      const client = new pg.Client({ connectionString: url ?? '' });
      await client.connect();
      try {
        // Each pooled connection's last statement, exactly as the server received its text.
        const { rows } = await client.query<{ query: string }>(
          'select query from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
        const update = rows.map((row) => row.query).find((query) => query.startsWith('update "users"'));
        assert.ok(update, `no update among ${JSON.stringify(rows)}`);
        assert.match(update, '$1');
        assert.not.match(update, 'marker');
      } finally {
        await client.end();
      }
    }));
}

test.run();
