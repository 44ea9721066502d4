import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Database } from '../../../adapters/persistence/mikro-orm/database.js';
import { parseSearchQuery } from '../../../domain/search/search-query.js';
import { aNewUser } from '../../support/builders.js';

// On SQLite a query is ranked once for each state of the posts, named by the newest post's id. The
// ranking is seen here by changing the index behind the app's back, which no post announces.

test('when the index changes and no post is published, then a search answers from its ranking; when a post is published, it is ranked again', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'remembered-ranking-'));
  const path = join(dir, 'app.db');
  const database = await Database.open({ dialect: 'sqlite', path });
  const operator = new sqlite3.Database(path);
  try {
    await database.migrate();
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

    await new Promise<void>((done, fail) => operator.run('delete from posts_search where rowid = ?', [second.id], (error) => (error ? fail(error) : done())));
    assert.equal(await found(), { bodies: ['otter two', 'otter one'], count: 2 }, 'no new post: the ranking stands');

    await publish(susan.id, 'otter three', 3);
    assert.equal(await found(), { bodies: ['otter three', 'otter one'], count: 2 }, 'a new post: ranked again, without the post the index lost');
  } finally {
    await new Promise((done) => operator.close(done));
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
