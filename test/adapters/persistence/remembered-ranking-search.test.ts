import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseSearchQuery } from '../../../domain/search/search-query.js';
import { aNewUser } from '../../support/builders.js';
import { withSqliteFile } from '../../support/sqlite-file.js';
import { withMigratedSqlite } from '../../support/test-database.js';

// On SQLite a query is ranked once for each state of the posts, named by the newest post's id. The
// ranking is seen here by changing the index behind the app's back, which no post announces.

test('when the index changes and no post is published, then a search answers from its ranking; when a post is published, it is ranked again', () => withMigratedSqlite((database, path) => withSqliteFile(path, async (operator) => {
  const query = parseSearchQuery('otter')._unsafeUnwrap();
  const found = () => database.inUnitOfWork(async () => ({
    bodies: (await database.postSearch.search(query, 0, 25))._unsafeUnwrap().map((post) => post.body),
    count: (await database.postSearch.count(query))._unsafeUnwrap(),
  }));
  const publish = (authorId: number, body: string, minute: number) =>
    database.inUnitOfWork(() => database.posts.add({ authorId, body, createdAt: new Date(Date.UTC(2026, 4, 1, 10, minute)) }));

  const susan = await database.inUnitOfWork(async () => (await database.users.add(aNewUser({ username: 'susan' })))._unsafeUnwrap());
  await publish(susan.id, 'otter one', 1);
  const second = await publish(susan.id, 'otter two', 2);
  assert.equal(await found(), { bodies: ['otter two', 'otter one'], count: 2 });

  await operator.run('delete from posts_search where rowid = ?', [second.id]);
  assert.equal(await found(), { bodies: ['otter two', 'otter one'], count: 2 }, 'no new post: the ranking stands');

  await publish(susan.id, 'otter three', 3);
  assert.equal(await found(), { bodies: ['otter three', 'otter one'], count: 2 }, 'a new post: ranked again, without the post the index lost');
})));

test.run();
