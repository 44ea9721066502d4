import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InMemoryFollowRepository } from '../../adapters/persistence/in-memory/in-memory-follow-repository.js';
import { InMemoryPostRepository } from '../../adapters/persistence/in-memory/in-memory-post-repository.js';
import { InMemoryPostSearch } from '../../adapters/persistence/in-memory/in-memory-post-search.js';
import { InMemoryUserRepository } from '../../adapters/persistence/in-memory/in-memory-user-repository.js';
import { errAsync } from 'neverthrow';
import { searchUnavailable, type PostSearch } from '../../domain/ports/post-search.js';
import { parseSearchQuery, SEARCH_QUERY_MAX_LENGTH, type SearchTerm } from '../../domain/search/search-query.js';
import { PublishPost } from '../../domain/use-cases/publish-post.js';
import { SearchPosts } from '../../domain/use-cases/search-posts.js';
import { aNewUser } from '../support/builders.js';
import { FixedClock } from '../support/fixed-clock.js';

const word = (text: string, prefix = false): SearchTerm => ({ kind: 'word', word: text, prefix });
const phrase = (...words: string[]): SearchTerm => ({ kind: 'phrase', words });

// Every input is a query of our own terms or an empty one: nothing is left for an engine to parse.
const GRAMMAR: readonly (readonly [input: string, terms: readonly SearchTerm[]])[] = [
  ['hello', [word('hello')]],
  ['  hello   world ', [word('hello'), word('world')]],
  ['Ñandú', [word('Ñandú')]],
  ['"the quick fox"', [phrase('the', 'quick', 'fox')]],
  ['say "hello world" now', [word('say'), phrase('hello', 'world'), word('now')]],
  ['"one"', [word('one')]],
  ['""', []],
  ['" "', []],
  ['"unbalanced quote', [word('unbalanced'), word('quote')]],
  ['a "b c" "d', [word('a'), phrase('b', 'c'), word('d')]],
  ['"', []],
  ['hel*', [word('hel', true)]],
  ['"hel*"', [word('hel')]],
  ['*', []],
  ['* * *', []],
  ['**', []],
  ['a**', [word('a', true)]],
  ['*abc', [word('abc')]],
  ['cats AND dogs', [word('cats'), word('AND'), word('dogs')]],
  ['cats OR dogs NOT birds', [word('cats'), word('OR'), word('dogs'), word('NOT'), word('birds')]],
  ['NEAR(a b, 3)', [word('NEAR'), word('a'), word('b'), word('3')]],
  ['body:secret', [word('body'), word('secret')]],
  ['^start', [word('start')]],
  ['-excluded', [word('excluded')]],
  ['(a OR b)', [word('a'), word('OR'), word('b')]],
  ['{col1 col2}: x', [word('col1'), word('col2'), word('x')]],
  ["l'été", [word('l'), word('été')]],
  ['🙂', []],
  ['🙂 smile 🎉', [word('smile')]],
  ['e\u0301te\u0301', [word('\u00e9t\u00e9')]],
  ["'; drop table posts; --", [word('drop'), word('table'), word('posts')]],
  ['\\" \\', []],
  ['', []],
];

for (const [input, terms] of GRAMMAR) {
  test(`when searching for ${JSON.stringify(input)}, then the query is ${JSON.stringify(terms)}`, () => {
    assert.equal(parseSearchQuery(input)._unsafeUnwrap().terms, terms);
  });
}

test('when the text is as long as allowed, then it is a query; one character more is refused', () => {
  const longest = 'ab '.repeat(SEARCH_QUERY_MAX_LENGTH / 2).slice(0, SEARCH_QUERY_MAX_LENGTH);
  assert.ok(parseSearchQuery(longest).isOk());
  assert.equal(parseSearchQuery(`${longest}x`)._unsafeUnwrapErr(), { type: 'SearchQueryTooLong', field: 'q', maxLength: SEARCH_QUERY_MAX_LENGTH });
  // Characters as people count them: an emoji is one, not two UTF-16 units.
  assert.ok(parseSearchQuery('🙂'.repeat(SEARCH_QUERY_MAX_LENGTH)).isOk());
});

async function setup(postSearch?: (real: PostSearch) => PostSearch) {
  const users = new InMemoryUserRepository();
  const posts = new InMemoryPostRepository(users, new InMemoryFollowRepository(users));
  const clock = new FixedClock();
  const susan = (await users.add(aNewUser({ username: 'susan' })))._unsafeUnwrap();
  const publish = new PublishPost(posts, clock);
  const say = async (...bodies: string[]) => {
    for (const body of bodies) {
      (await publish.execute({ authorId: susan.id, body }))._unsafeUnwrap();
      clock.advance(1000);
    }
  };
  const store = new InMemoryPostSearch(posts);
  return { say, search: new SearchPosts(postSearch ? postSearch(store) : store) };
}

const bodies = (page: { items: readonly { body: string }[] }) => page.items.map((post) => post.body);

test('when searching, then every term must be found, and a text without words finds nothing without asking the store', async () => {
  const { say, search } = await setup();
  await say('Ñandú runs fast', 'the quick brown fox', 'quick fox, brown', 'a fox');
  assert.equal(bodies((await search.execute('nandu', { number: 1, size: 10 }))._unsafeUnwrap()), ['Ñandú runs fast']);
  assert.equal(bodies((await search.execute('FOX quick', { number: 1, size: 10 }))._unsafeUnwrap()), ['quick fox, brown', 'the quick brown fox']);
  assert.equal(bodies((await search.execute('"quick brown"', { number: 1, size: 10 }))._unsafeUnwrap()), ['the quick brown fox']);
  assert.equal(bodies((await search.execute('qui*', { number: 1, size: 10 }))._unsafeUnwrap()), ['quick fox, brown', 'the quick brown fox']);
  assert.equal(bodies((await search.execute('"🙂', { number: 1, size: 10 }))._unsafeUnwrap()), []);
});

test('when the results fill several pages, then each page says whether others exist, and a page past the end is not found', async () => {
  const { say, search } = await setup();
  await say('fox 1', 'fox 2', 'fox 3', 'no match');
  const first = (await search.execute('fox', { number: 1, size: 2 }))._unsafeUnwrap();
  assert.equal([bodies(first), first.hasNewer, first.hasOlder], [['fox 3', 'fox 2'], false, true]);
  const second = (await search.executeCounted('fox', { number: 2, size: 2 }))._unsafeUnwrap();
  assert.equal([bodies(second), second.hasNewer, second.hasOlder, second.totalItems, second.totalPages], [['fox 1'], true, false, 3, 2]);
  assert.equal((await search.execute('fox', { number: 3, size: 2 }))._unsafeUnwrapErr(), { type: 'PageNotFound' });
  assert.equal((await search.executeCounted('fox', { number: 3, size: 2 }))._unsafeUnwrapErr(), { type: 'PageNotFound' });
  assert.equal((await search.executeCounted('nothing', { number: 1, size: 2 }))._unsafeUnwrap().totalItems, 0);
  assert.equal((await search.executeCounted('*', { number: 2, size: 2 }))._unsafeUnwrapErr(), { type: 'PageNotFound' });
});

test('when the text is too long, then it is refused before the store is asked', async () => {
  const { search } = await setup(() => ({ search: () => { throw new Error('asked'); }, count: () => { throw new Error('asked'); } }));
  const tooLong = 'a'.repeat(SEARCH_QUERY_MAX_LENGTH + 1);
  assert.equal((await search.execute(tooLong, { number: 1, size: 2 }))._unsafeUnwrapErr().type, 'SearchQueryTooLong');
  assert.equal((await search.executeCounted(tooLong, { number: 1, size: 2 }))._unsafeUnwrapErr().type, 'SearchQueryTooLong');
});

test('when the store cannot answer, then the search says so, with its cause', async () => {
  const failure = new Error('no such table: posts_search');
  const { search } = await setup(() => ({ search: () => errAsync(searchUnavailable(failure)), count: () => errAsync(searchUnavailable(failure)) }));
  assert.equal((await search.execute('fox', { number: 1, size: 2 }))._unsafeUnwrapErr(), { type: 'SearchUnavailable', cause: failure });
  assert.equal((await search.executeCounted('fox', { number: 1, size: 2 }))._unsafeUnwrapErr(), { type: 'SearchUnavailable', cause: failure });
});

test.run();
