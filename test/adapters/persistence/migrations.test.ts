import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Database } from '../../../adapters/persistence/mikro-orm/database.js';
import { MIGRATION_NAMES } from '../../../adapters/persistence/mikro-orm/migrations/migration-names.js';
import { parseSearchQuery } from '../../../domain/search/search-query.js';
import { aNewUser } from '../../support/builders.js';
import { runSql, testDialect, withTestDatabase, type TestDatabase } from '../../support/test-database.js';

// Runs on SQLite with `npm test` and on PostgreSQL with `npm run test:pg`.

/** What the newest migration adds, taken away: a database from before it lacks the users' language column. */
const UNDO_NEWEST = 'alter table users drop column language';

async function migrateOnce(testDatabase: TestDatabase): Promise<string[]> {
  const database = await Database.open(testDatabase.location);
  try {
    return await database.migrate();
  } finally {
    await database.close();
  }
}

test(`when the ${testDialect} database is new, then every migration runs in order and the tables answer`, () =>
  withTestDatabase(async (testDatabase) => {
    assert.equal(await migrateOnce(testDatabase), [...MIGRATION_NAMES]);
    const database = await Database.open(testDatabase.location);
    try {
      assert.is(await database.inUnitOfWork(() => database.users.findByUsername('nobody')), null);
    } finally {
      await database.close();
    }
  }));

test('when the database is up to date, then a restart applies nothing', () =>
  withTestDatabase(async (testDatabase) => {
    await migrateOnce(testDatabase);
    assert.equal(await migrateOnce(testDatabase), []);
    assert.equal(await migrateOnce(testDatabase), []);
  }));

test('when the history lacks the newest migration, then only that one runs', () =>
  withTestDatabase(async (testDatabase) => {
    await migrateOnce(testDatabase);
    const newest = MIGRATION_NAMES.at(-1) ?? '';
    // A database from before the newest release: its column and its line in the history are gone.
    await runSql(testDatabase.location, `${UNDO_NEWEST}; delete from mikro_orm_migrations where name = '${newest}'`);
    assert.equal(await migrateOnce(testDatabase), [newest]);
    assert.equal(await migrateOnce(testDatabase), []);
    const database = await Database.open(testDatabase.location);
    try {
      const susan = await database.inUnitOfWork(async () => {
        const added = (await database.users.add(aNewUser()))._unsafeUnwrap();
        await database.users.updateLanguage(added.id, 'es');
        return database.users.findById(added.id);
      });
      assert.is(susan?.language, 'es', 'the column is back');
    } finally {
      await database.close();
    }
  }));

// What the search's migration made, taken away: the database of a release before search existed.
const WITHOUT_SEARCH = {
  sqlite: 'drop trigger posts_search_after_delete; drop trigger posts_search_after_update; drop table posts_search',
  postgresql: 'alter table posts drop column search_vector; drop text search configuration posts_search',
} as const;

test('when posts were written before search existed, then its migration indexes them', () =>
  withTestDatabase(async (testDatabase) => {
    await migrateOnce(testDatabase);
    await runSql(testDatabase.location, `${WITHOUT_SEARCH[testDatabase.location.dialect]}; delete from mikro_orm_migrations where name = '2026-12-07-0010-create-post-search'`);
    const database = await Database.open(testDatabase.location);
    try {
      await database.inUnitOfWork(async () => {
        const susan = (await database.users.add(aNewUser()))._unsafeUnwrap();
        await database.posts.add({ authorId: susan.id, body: 'written before the index', createdAt: new Date() });
      });
      assert.equal(await database.migrate(), ['2026-12-07-0010-create-post-search']);
      const found = await database.inUnitOfWork(async () => database.postSearch.search(parseSearchQuery('before')._unsafeUnwrap(), 0, 10));
      assert.equal(found._unsafeUnwrap().map((post) => post.body), ['written before the index']);
    } finally {
      await database.close();
    }
  }));

test.run();
