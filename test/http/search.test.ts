import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { SEARCH_QUERY_MAX_LENGTH } from '../../domain/search/search-query.js';
import type { Browser } from '../support/browser.js';
import { withApp, type TestApp } from '../support/test-app.js';

type World = { app: TestApp; susan: Browser };
const test = suite('searching posts');

/** An app of its own for each test, three posts to a page, with Susan logged in. */
function inWorld(work: (world: World) => Promise<void>): Promise<void> {
  return withApp({ postsPerPage: 3 }, async (app) => {
    const susan = app.browser();
    await susan.register('susan');
    await susan.logIn('susan');
    await work({ app, susan });
  });
}

async function say(browser: Browser, ...texts: string[]) {
  for (const text of texts) {
    await browser.get('/index');
    assert.is((await browser.post('/index', { post: text })).status, 302);
  }
}

const postTexts = (html: string) => [...html.matchAll(/<p class="post-text">([^<]*)<\/p>/g)].map((match) => match[1]);
const searchBoxValue = (html: string) => /<input type="search" name="q" placeholder="Search" aria-label="Search posts"(?: value="([^"]*)")?>/.exec(html);
const search = (text: string) => `/search?q=${encodeURIComponent(text)}`;

test('when logged in, then every page has a search box in the nav that sends a GET to /search; a visitor has none', () => inWorld(async ({ app, susan }) => {
  for (const path of ['/index', '/explore', '/user/susan', '/edit_profile']) {
    const page = await susan.get(path);
    assert.match(page.text, '<form class="search-form" method="get" action="/search" role="search">', path);
    assert.ok(searchBoxValue(page.text), path);
  }
  const visitor = app.browser();
  assert.not.match((await visitor.get('/login')).text, 'action="/search"');
  const sent = await visitor.get(search('fox'));
  assert.is(sent.status, 302);
  assert.match(sent.location ?? '', /^\/login\?next=/);
}));

test('when searching, then the posts with the words are listed with their authors, and the query stays in the box', () => inWorld(async ({ susan }) => {
  await say(susan, 'El ñandú corre', 'A quick brown fox', 'Nothing to see');
  const page = await susan.get(search('NANDU'));
  assert.is(page.status, 200);
  assert.equal(postTexts(page.text), ['El ñandú corre']);
  assert.match(page.text, 'href="/user/susan"');
  assert.equal(searchBoxValue(page.text)?.[1], 'NANDU');
  assert.equal(postTexts((await susan.get(search('"quick brown" fo*'))).text), ['A quick brown fox']);
}));

test('when nothing matches, then the page says no posts were found, with a 200', () => inWorld(async ({ susan }) => {
  await say(susan, 'A quick brown fox');
  const page = await susan.get(search('elephant'));
  assert.is(page.status, 200);
  assert.match(page.text, 'No posts found');
  assert.equal(postTexts(page.text), []);
}));

test('when the search box is empty or blank, then the browser goes back to Explore', () => inWorld(async ({ susan }) => {
  for (const path of ['/search', '/search?q=', '/search?q=%20%20']) {
    const page = await susan.get(path);
    assert.is(page.status, 302, path);
    assert.is(page.location, '/explore', path);
  }
}));

test('when the query holds markup, then it is shown back escaped, never as markup', () => inWorld(async ({ susan }) => {
  const page = await susan.get(search('"><script>alert(1)</script>'));
  assert.is(page.status, 200);
  assert.not.match(page.text, '<script>alert(1)');
  assert.equal(searchBoxValue(page.text)?.[1], '&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
}));

test('when the query holds engine syntax or nothing searchable, then it is a page like any other, never an error', () => inWorld(async ({ susan }) => {
  await say(susan, 'cats and dogs', 'cats OR birds');
  for (const text of ['"', '"unbalanced', 'cats AND', 'OR', 'NOT cats', 'NEAR(cats dogs)', 'body:cats', '^cats', '-cats', '(cats', '*', '🙂', 'a'.repeat(SEARCH_QUERY_MAX_LENGTH)]) {
    assert.is((await susan.get(search(text))).status, 200, text.slice(0, 20));
  }
  assert.equal(postTexts((await susan.get(search('cats AND'))).text), ['cats and dogs']);
}));

test('when the query is too long, then the page says how long it may be, with a 400', () => inWorld(async ({ susan }) => {
  const page = await susan.get(search('a'.repeat(SEARCH_QUERY_MAX_LENGTH + 1)));
  assert.is(page.status, 400);
  assert.match(page.text, 'Search for at most 2,000 characters.');
}));

test('when the results fill several pages, then Next and Previous results keep the query, and a page past the end is a 404', () => inWorld(async ({ susan }) => {
  await say(susan, 'otter 1', 'otter 2', 'otter 3', 'otter 4', 'not this one');
  const first = await susan.get(search('otter &'));
  assert.equal(postTexts(first.text), ['otter 4', 'otter 3', 'otter 2']);
  assert.match(first.text, '<a class="button secondary" href="/search?q=otter%20%26&amp;page=2" rel="next">Next results →</a>');
  assert.not.match(first.text, 'Previous results');
  const second = await susan.get('/search?q=otter%20%26&page=2');
  assert.equal(postTexts(second.text), ['otter 1']);
  assert.match(second.text, '<a class="button secondary" href="/search?q=otter%20%26" rel="prev">← Previous results</a>');
  assert.is((await susan.get('/search?q=otter&page=3')).status, 404);
  assert.is((await susan.get('/search?q=otter&page=zero')).status, 404);
}));

test.run();
