import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { UNSAFE_TEXT } from '../../adapters/http/forms/fields.js';
import { withApp, type TestApp } from '../support/test-app.js';

// Text a driver cannot take (a NUL cuts SQLite's statement, PostgreSQL refuses it outright) and
// characters no form field needs are refused where the request enters the app: a body field gets
// its form back with a message, a path a 404, a query a 400 (a `next` is dropped). None of it reaches
// the database.

const test = suite('unsafe text');

function assertNoErrorLogged(app: TestApp): void {
  assert.equal(app.logs.lines().filter((line) => line.includes(' ERROR: ')), []);
}

async function loggedIn(app: TestApp, username = 'susan') {
  const browser = app.browser();
  await browser.register(username);
  await browser.logIn(username);
  return browser;
}

test('when a login name holds a NUL, then the form says so next to the field', () => withApp({}, async (app) => {
  const browser = app.browser();
  await browser.get('/login');
  const page = await browser.post('/login', { username: 'a\u0000', password: 'password123' });
  assert.is(page.status, 422);
  assert.match(page.text, UNSAFE_TEXT);
  assertNoErrorLogged(app);
}));

test('when a registration email holds a NUL, then the form says so and nobody is stored', () => withApp({}, async (app) => {
  const browser = app.browser();
  await browser.get('/register');
  const page = await browser.post('/register', { username: 'bob', email: 'a\u0000@example.com', password: 'password123', password2: 'password123' });
  assert.is(page.status, 422);
  assert.match(page.text, UNSAFE_TEXT);
  assert.match(page.text, 'value="bob"', 'the other fields keep what was typed');
  assert.is(await app.inUnitOfWork(() => app.database.users.findByUsername('bob')), null);
  assertNoErrorLogged(app);
}));

test('when a profile address holds a NUL or another control character, then 404', () => withApp({}, async (app) => {
  const browser = await loggedIn(app);
  for (const path of ['/user/a%00', '/user/susan%00', '/user/a%1B', '/user/a%7F', '/user/a%C2%85']) {
    assert.is((await browser.get(path)).status, 404, path);
  }
  assert.is((await browser.post('/follow/a%00', {})).status, 404);
  assertNoErrorLogged(app);
}));

test('when a post or an about-me holds a NUL, then the form says so and nothing is stored', () => withApp({}, async (app) => {
  const browser = await loggedIn(app);
  await browser.get('/index');
  const post = await browser.post('/index', { post: 'hello\u0000world' });
  assert.is(post.status, 422);
  assert.match(post.text, UNSAFE_TEXT);
  await browser.get('/edit_profile');
  const about = await browser.post('/edit_profile', { username: 'susan', about_me: 'me\u0000' });
  assert.is(about.status, 422);
  assert.match(about.text, UNSAFE_TEXT);
  const susan = await app.inUnitOfWork(() => app.database.users.findByUsername('susan'));
  assert.is(susan?.aboutMe, '');
  assert.is((await browser.get('/index')).text.includes('hello'), false, 'no post was published');
  assertNoErrorLogged(app);
}));

test('when a JSON body carries a lone surrogate, then the field is refused like a NUL', () => withApp({}, async (app) => {
  const browser = await loggedIn(app);
  await browser.get('/edit_profile');
  const page = await browser.send('/edit_profile', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: `{"csrf_token": "${browser.lastToken}", "username": "susan", "about_me": "half \\ud800 a pair"}`,
  });
  assert.is(page.status, 422);
  assert.match(page.text, UNSAFE_TEXT);
  assertNoErrorLogged(app);
}));

test('when a query value holds a control character, then 400', () => withApp({}, async (app) => {
  const browser = await loggedIn(app);
  for (const path of ['/index?page=1%00', '/explore?page=%1B', '/user/susan?page=2%09', '/index?next%00=x&page=2']) {
    assert.is((await browser.get(path)).status, 400, path);
  }
  assertNoErrorLogged(app);
}));

test('when an about-me has line breaks and tabs, as a textarea sends them, then they are kept', () => withApp({}, async (app) => {
  const browser = await loggedIn(app);
  await browser.get('/edit_profile');
  const saved = await browser.post('/edit_profile', { username: 'susan', about_me: 'one\r\n\ttwo' });
  assert.is(saved.status, 302);
  const susan = await app.inUnitOfWork(() => app.database.users.findByUsername('susan'));
  assert.is(susan?.aboutMe, 'one\n\ttwo', 'CRLF counts as one break, as the form shows it');
}));

test.run();
