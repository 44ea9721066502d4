import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { PostRepository } from '../../domain/ports/post-repository.js';
import { SEARCH_MATCH_LIMIT, type PostSearch } from '../../domain/ports/post-search.js';
import type { UserRepository } from '../../domain/ports/user-repository.js';
import { parseSearchQuery } from '../../domain/search/search-query.js';
import { aNewUser } from '../support/builders.js';

export type SearchStore = Readonly<{
  users: UserRepository;
  posts: PostRepository;
  search: PostSearch;
  inUnitOfWork: <T>(work: () => Promise<T>) => Promise<T>;
  close: () => Promise<void>;
}>;

const at = (minute: number) => new Date(Date.UTC(2026, 4, 1, 10, minute));

// Odd inputs, each read by the grammar into our own terms: none may reach an engine as syntax.
const ODD_INPUTS = [
  '"', '"unbalanced', 'a AND b', 'OR', 'NOT a', 'NEAR(a b)', 'body:x', 'col:x', '^a', '-a', '(a', 'a)', '*', '**', 'a*b*',
  '{a b}', '\'', '\\', '🙂', '"🙂"', 'a'.repeat(2_000), 'a b '.repeat(500), '% _ ; --', 'null', '\u200b', '\u0301',
];

/**
 * What every search store must do, on the same posts. The stores rank differently (bm25 on SQLite,
 * ts_rank_cd on PostgreSQL, none in memory), so results are compared as sets, apart from ties.
 */
export function postSearchContract(name: string, open: () => Promise<SearchStore>): void {
  const test = suite<{ store: SearchStore }>(`PostSearch contract: ${name}`, {} as { store: SearchStore });
  test.before.each(async (context) => { context.store = await open(); });
  test.after.each(async ({ store }) => { await store.close(); });

  const BODIES = [
    'The quick brown fox jumps', // 1
    'A brown dog, not so quick', // 2
    'El ñandú corre rápido', // 3
    'NANDU in capitals', // 4
    'foxes and foxgloves', // 5
    'nothing to see here', // 6
  ];

  /** Publishes the bodies, a minute apart, and returns what a search finds, as the bodies' numbers in order of time. */
  const withPosts = async (store: SearchStore, work: (find: (text: string) => Promise<number[]>) => Promise<void>) => {
    await store.inUnitOfWork(async () => {
      const susan = (await store.users.add(aNewUser({ username: 'susan', email: 'susan@example.com' })))._unsafeUnwrap();
      for (const [index, body] of BODIES.entries()) await store.posts.add({ authorId: susan.id, body, createdAt: at(index) });
      await work(async (text) => {
        const found = (await store.search.search(parseSearchQuery(text)._unsafeUnwrap(), 0, 50))._unsafeUnwrap();
        assert.equal((await store.search.count(parseSearchQuery(text)._unsafeUnwrap()))._unsafeUnwrap(), found.length, `count of ${text}`);
        return found.map((post) => BODIES.indexOf(post.body) + 1).sort((a, b) => a - b);
      });
    });
  };

  test('when a word is searched, then the posts with it are found and those without it are not', async ({ store }) => {
    await withPosts(store, async (find) => {
      assert.equal(await find('brown'), [1, 2]);
      assert.equal(await find('fox'), [1]);
      assert.equal(await find('elephant'), []);
      assert.equal(await find('brown quick'), [1, 2], 'every word, in any order');
      assert.equal(await find('brown jumps'), [1]);
    });
  });

  test('when a phrase is searched, then only posts with its words together and in order are found', async ({ store }) => {
    await withPosts(store, async (find) => {
      assert.equal(await find('"quick brown"'), [1]);
      assert.equal(await find('"brown quick"'), []);
      assert.equal(await find('"brown fox jumps"'), [1]);
    });
  });

  test('when a word ends in a star, then words that begin with it are found', async ({ store }) => {
    await withPosts(store, async (find) => {
      assert.equal(await find('fox*'), [1, 5]);
      assert.equal(await find('foxg*'), [5]);
      assert.equal(await find('qu* br*'), [1, 2]);
    });
  });

  test('when case and diacritics differ, then they are ignored', async ({ store }) => {
    await withPosts(store, async (find) => {
      assert.equal(await find('nandu'), [3, 4]);
      assert.equal(await find('ÑANDÚ'), [3, 4]);
      assert.equal(await find('RAPIDO'), [3]);
      assert.equal(await find('"ñandu corre"'), [3]);
      assert.equal(await find('nan*'), [3, 4]);
    });
  });

  test('when a post is published, then it is found as soon as its insert returned, with its author, by the same search that found nothing before', async ({ store }) => {
    await withPosts(store, async (find) => {
      const [susan] = await store.posts.everyone(0, 1);
      assert.equal(await find('zebras'), []);
      const post = await store.posts.add({ authorId: susan?.author.id ?? 0, body: 'zebras at dawn', createdAt: at(30) });
      assert.equal(await find('zebras'), [0]);
      const [found] = (await store.search.search(parseSearchQuery('zebras')._unsafeUnwrap(), 0, 1))._unsafeUnwrap();
      assert.equal(found, {
        id: post.id, body: 'zebras at dawn', createdAt: at(30), author: { id: susan?.author.id, username: 'susan', email: 'susan@example.com' },
      });
    });
  });

  test('when an author is renamed after a search, then the same search shows the new name', async ({ store }) => {
    await withPosts(store, async (find) => {
      const query = parseSearchQuery('fox')._unsafeUnwrap();
      const authorFound = async () => (await store.search.search(query, 0, 1))._unsafeUnwrap()[0]?.author;
      assert.equal(await find('fox'), [1]);
      const before = await authorFound();
      assert.is(before?.username, 'susan');
      (await store.users.updateProfile(before?.id ?? 0, { username: 'susanna', aboutMe: '' }))._unsafeUnwrap();
      assert.is((await authorFound())?.username, 'susanna');
    });
  });

  test('when the matches are ranked alike, then the newest comes first, and offset and limit cut the list', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const susan = (await store.users.add(aNewUser({ username: 'susan' })))._unsafeUnwrap();
      for (const minute of [1, 3, 2, 4]) await store.posts.add({ authorId: susan.id, body: `otter ${minute}`, createdAt: at(minute) });
      const query = parseSearchQuery('otter')._unsafeUnwrap();
      const bodies = async (offset: number, limit: number) => (await store.search.search(query, offset, limit))._unsafeUnwrap().map((post) => post.body);
      assert.equal(await bodies(0, 10), ['otter 4', 'otter 3', 'otter 2', 'otter 1']);
      assert.equal(await bodies(1, 2), ['otter 3', 'otter 2']);
      assert.equal(await bodies(4, 2), []);
    });
  });

  test('when more posts match than a search ranks, then the most recently written ones are listed and counted', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const susan = (await store.users.add(aNewUser({ username: 'susan' })))._unsafeUnwrap();
      for (let n = 0; n <= SEARCH_MATCH_LIMIT; n++) await store.posts.add({ authorId: susan.id, body: `beaver ${n}`, createdAt: at(0) });
      const query = parseSearchQuery('beaver')._unsafeUnwrap();
      assert.is((await store.search.count(query))._unsafeUnwrap(), SEARCH_MATCH_LIMIT);
      const listed = (await store.search.search(query, 0, SEARCH_MATCH_LIMIT + 1))._unsafeUnwrap().map((post) => post.body);
      assert.is(listed.length, SEARCH_MATCH_LIMIT);
      assert.ok(listed.includes(`beaver ${SEARCH_MATCH_LIMIT}`));
      assert.not.ok(listed.includes('beaver 0'), 'the first written is past the limit');
    });
  });

  test('when the input is odd, then it is a query that answers, never an error of the store', async ({ store }) => {
    await withPosts(store, async (find) => {
      for (const text of ODD_INPUTS) {
        const query = parseSearchQuery(text)._unsafeUnwrap();
        if (query.terms.length === 0) continue;
        const found = await store.search.search(query, 0, 5);
        assert.ok(found.isOk(), `${JSON.stringify(text.slice(0, 20))}: ${String(found.isErr() && found.error.cause)}`);
      }
      assert.equal(await find('foxes AND'), [5], 'AND is a word like any other');
      assert.equal(await find('not so'), [2], 'NOT is a word like any other');
      assert.equal(await find('-brown'), [1, 2], 'a minus excludes nothing');
    });
  });

  test.run();
}
