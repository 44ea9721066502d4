import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseSearchQuery } from '../../../domain/search/search-query.js';
import { aNewUser } from '../../support/builders.js';
import { REMAKE_SQLITE_SEARCH_INDEX } from '../../support/search-index-faults.js';
import { readRows, runSql, withMigratedSqlite } from '../../support/test-database.js';

// On SQLite a new post's index row is written in the post's own transaction, by a statement of its
// own whose failure undoes only itself: a broken index costs search the post, never the post.

// The index's structure record overwritten with garbage behind the app's back. The app's connection
// opened the index before, so FTS5 takes the new post's row and fails the commit, where it writes
// the row into the index; garbage in the segments alone fails only reads.
const BREAK_INDEX_STRUCTURE = 'update posts_search_data set block = x\'00000000ffffffffff\' where id = 10';

test('when the FTS5 index is corrupt, then each post is still stored and the failure reported; once the index is made anew, search finds them', async () => {
  const reported: string[] = [];
  await withMigratedSqlite(async (database, path) => {
    const location = { dialect: 'sqlite', path } as const;
    const publish = (authorId: number, body: string) => database.inUnitOfWork(() => database.posts.add({ authorId, body, createdAt: new Date() }));
    const susan = await database.inUnitOfWork(async () => (await database.users.add(aNewUser({ username: 'susan' })))._unsafeUnwrap());
    await publish(susan.id, 'otter one');
    await runSql(location, BREAK_INDEX_STRUCTURE);

    await publish(susan.id, 'otter two');
    await publish(susan.id, 'otter three');

    assert.equal(await readRows(location, 'select body from posts order by id'), [{ body: 'otter one' }, { body: 'otter two' }, { body: 'otter three' }]);
    assert.equal(reported, Array(2).fill('A new post could not be added to the search index: search will not find it until the index is rebuilt'));
    for (const script of REMAKE_SQLITE_SEARCH_INDEX) await runSql(location, script);
    const found = await database.inUnitOfWork(async () => database.postSearch.search(parseSearchQuery('otter')._unsafeUnwrap(), 0, 25));
    assert.equal(found._unsafeUnwrap().map((post) => post.body).sort(), ['otter one', 'otter three', 'otter two']);
  }, { info: () => {}, error: (message: string) => reported.push(message) });
});

test.run();
