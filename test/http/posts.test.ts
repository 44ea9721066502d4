import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser } from '../support/browser.js';
import { withApp, type TestApp } from '../support/test-app.js';

type World = { app: TestApp; susan: Browser; john: Browser };
const test = suite('posts and followers');

/** An app of its own for each test, three posts to a page, with Susan and John logged in. */
function inWorld(work: (world: World) => Promise<void>): Promise<void> {
  return withApp({ postsPerPage: 3 }, async (app) => {
    const susan = app.browser();
    await susan.register('susan');
    await susan.logIn('susan');
    const john = app.browser();
    await john.register('john');
    await john.logIn('john');
    await work({ app, susan, john });
  });
}

async function post(browser: Browser, text: string) {
  await browser.get('/index');
  return browser.post('/index', { post: text });
}

const postTexts = (html: string) => [...html.matchAll(/<p class="post-text">([^<]*)<\/p>/g)].map((match) => match[1]);

test('when a post is written, then it is live, confirmed once, and on the index, explore and profile', () => inWorld(async ({ susan, john }) => {
  const page = await post(susan, '  Beautiful day in Portland!  ');
  assert.is(page.status, 302);
  assert.is(page.location, '/index');
  const index = await susan.follow(page);
  assert.match(index.text, 'Your post is now live!');
  assert.equal(postTexts(index.text), ['Beautiful day in Portland!']);
  assert.match(index.text, 'href="/user/susan"');
  assert.match(index.text, /https:\/\/www\.gravatar\.com\/avatar\/[0-9a-f]{32}\?d=identicon&amp;s=48/);
  assert.match(index.text, 'just now');
  assert.equal(postTexts((await john.get('/explore')).text), ['Beautiful day in Portland!']);
  assert.equal(postTexts((await john.get('/user/susan')).text), ['Beautiful day in Portland!']);
  assert.equal(postTexts((await john.get('/index')).text), [], 'john does not follow susan yet');
}));

test('when a post is empty or too long, then the form says why and nothing is posted', () => inWorld(async ({ susan }) => {
  const empty = await post(susan, '   ');
  assert.is(empty.status, 422);
  assert.match(empty.text, 'This field is required.');
  const long = await post(susan, 'x'.repeat(141));
  assert.is(long.status, 422);
  assert.match(long.text, 'Field must be between 1 and 140 characters long.');
  assert.match(long.text, 'x'.repeat(141), 'what was typed is kept');
  assert.equal(postTexts((await susan.get('/explore')).text), []);
}));

test('when a post has 140 characters over several lines, then it fits: a line break sent as CRLF counts once', () => inWorld(async ({ susan }) => {
  const page = await post(susan, `${'x'.repeat(69)}\r\n${'y'.repeat(70)}`);
  assert.is(page.status, 302);
  assert.ok(postTexts((await susan.get('/index')).text).some((text) => text?.startsWith('x'.repeat(69))));
}));

test('when a post holds markup, then it is shown as text', () => inWorld(async ({ susan }) => {
  await post(susan, '<img src=x onerror=alert(1)>');
  const explore = await susan.get('/explore');
  assert.not.match(explore.text, '<img src=x');
  assert.match(explore.text, '&lt;img src=x onerror=alert(1)&gt;');
}));

test('when john follows susan, then her posts reach his index, counts change, and unfollowing undoes it', () => inWorld(async ({ susan, john }) => {
  await post(susan, 'from susan');
  await john.get('/user/susan');
  const followed = await john.post('/follow/susan');
  assert.is(followed.location, '/user/susan');
  const profile = await john.follow(followed);
  assert.match(profile.text, 'You are following susan!');
  assert.match(profile.text, '1 follower, 0 following.');
  assert.match(profile.text, 'action="/unfollow/susan"');
  assert.equal(postTexts((await john.get('/index')).text), ['from susan']);

  await john.get('/user/susan');
  assert.is((await john.post('/follow/susan')).status, 302, 'following again is harmless');
  assert.match((await john.get('/user/susan')).text, '1 follower, 0 following.');

  const unfollowed = await john.follow(await john.post('/unfollow/susan'));
  assert.match(unfollowed.text, 'You are not following susan.');
  assert.match(unfollowed.text, '0 followers, 0 following.');
  assert.equal(postTexts((await john.get('/index')).text), []);
}));

test('when following yourself or somebody who does not exist, then a message, not an error page', () => inWorld(async ({ susan }) => {
  await susan.get('/user/susan');
  const self = await susan.post('/follow/susan');
  assert.is(self.status, 302);
  assert.match((await susan.follow(self)).text, 'You cannot follow yourself!');
  const ghost = await susan.post('/follow/ghost');
  assert.is(ghost.location, '/index');
  assert.match((await susan.follow(ghost)).text, 'User ghost not found.');
}));

test('when a follow arrives without its CSRF token, then 403 and nobody is followed', () => inWorld(async ({ john }) => {
  assert.is((await john.post('/follow/susan', {}, { token: null })).status, 403);
  assert.match((await john.get('/user/susan')).text, '0 followers, 0 following.');
}));

test('when posts fill several pages, then Newer and Older links walk them, and past the end is 404', () => inWorld(async ({ susan }) => {
  for (let i = 1; i <= 7; i++) await post(susan, `post ${i}`);
  const first = await susan.get('/explore');
  assert.equal(postTexts(first.text), ['post 7', 'post 6', 'post 5']);
  assert.match(first.text, 'href="/explore?page=2"');
  assert.not.match(first.text, 'Newer posts');
  const second = await susan.get('/explore?page=2');
  assert.equal(postTexts(second.text), ['post 4', 'post 3', 'post 2']);
  assert.match(second.text, 'href="/explore"');
  assert.match(second.text, 'href="/explore?page=3"');
  const last = await susan.get('/explore?page=3');
  assert.equal(postTexts(last.text), ['post 1']);
  assert.not.match(last.text, 'Older posts');
  for (const page of ['4', '0', '-1', 'abc', '1.5']) assert.is((await susan.get(`/explore?page=${page}`)).status, 404, page);
  assert.equal(postTexts((await susan.get('/user/susan?page=3')).text), ['post 1']);
  assert.is((await susan.get('/user/susan?page=4')).status, 404);
  assert.is((await susan.get('/index?page=4')).status, 404);
}));

test('when nobody has posted, then the pages show an empty state', () => inWorld(async ({ susan }) => {
  for (const path of ['/index', '/explore', '/user/susan']) assert.match((await susan.get(path)).text, 'Nothing here yet', path);
}));

test.run();
