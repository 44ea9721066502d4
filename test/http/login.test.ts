import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { SESSION_COOKIE } from '../../adapters/http/middleware/session.js';
import { fieldErrors } from '../support/browser.js';
import { withApp, type TestApp } from '../support/test-app.js';

const test = suite('login and logout');

/** An app of its own for each test, with Susan registered. */
function withSusan(work: (app: TestApp) => Promise<void>): Promise<void> {
  return withApp({}, async (app) => {
    await app.browser().register('susan');
    await work(app);
  });
}

test('when the password is right, then the user lands on the index greeted by name', () => withSusan(async (app) => {
  const browser = app.browser();
  const page = await browser.logIn('susan');
  assert.is(page.status, 302);
  assert.is(page.location, '/index');
  const index = await browser.follow(page);
  assert.is(index.status, 200);
  assert.match(index.text, 'Hi, susan!');
}));

test('when the password is wrong or the user unknown, then the same message, back on the form', () => withSusan(async (app) => {
  for (const [username, password] of [['susan', 'wrong password'], ['nobody', 'password123']] as const) {
    const browser = app.browser();
    const page = await browser.logIn(username, password);
    assert.is(page.status, 302);
    assert.is(page.location, '/login');
    const form = await browser.follow(page);
    assert.match(form.text, 'Invalid username or password');
    assert.not.match(form.text, 'Hi, ');
  }
}));

test('when a username spells a user with the Kelvin sign, then the same message, and neither their account nor their profile', () => withSusan(async (app) => {
  await app.browser().register('kim');
  const browser = app.browser();
  const page = await browser.logIn('\u212Aim', 'password123');
  assert.is(page.location, '/login');
  assert.match((await browser.follow(page)).text, 'Invalid username or password');
  const susan = app.browser();
  await susan.logIn('susan');
  assert.is((await susan.get(`/user/${encodeURIComponent('\u212Aim')}`)).status, 404);
}));

test('when both fields are left empty, then each says it is required', () => withSusan(async (app) => {
  const browser = app.browser();
  await browser.get('/login');
  const page = await browser.post('/login', { username: '', password: '', remember_me: 'y' });
  assert.is(page.status, 422);
  assert.equal(fieldErrors(page.text), { username: 'This field is required.', password: 'This field is required.' });
  assert.match(page.text, /id="remember_me"[^>]*checked/);
}));

test('when Remember Me arrives as something other than text, then the form says so next to it', () => withSusan(async (app) => {
  const browser = app.browser();
  await browser.get('/login');
  const page = await browser.post('/login', { username: 'susan', password: 'password123', remember_me: ['y', 'y'] });
  assert.is(page.status, 422);
  assert.equal(fieldErrors(page.text), { remember_me: 'Invalid value.' });
}));

test('when a visitor opens a page that needs a login, then login asks and brings them back after', () => withSusan(async (app) => {
  const browser = app.browser();
  const page = await browser.get('/user/susan');
  assert.is(page.status, 302);
  assert.is(page.location, '/login?next=%2Fuser%2Fsusan');
  const form = await browser.follow(page);
  assert.match(form.text, 'Please log in to access this page.');
  const loggedIn = await browser.post('/login?next=%2Fuser%2Fsusan', { username: 'susan', password: 'password123' });
  assert.is(loggedIn.location, '/user/susan');
}));

test('when next points off the site in any disguise, then login goes to the index instead', () => withSusan(async (app) => {
  const escapes = [
    '//evil.example', '/\\evil.example', '\\\\evil.example', 'https://evil.example', 'http:evil.example',
    '//evil.example/%2F..', '/\t/evil.example', '/%0A/evil.example', 'javascript:alert(1)', ' //evil.example',
    '///evil.example', '/\\/evil.example', 'evil.example', '//%5Cevil.example', 'data:text/html,hi', '/\r\n//evil.example',
    '/.//evil.example', '/a/..//evil.example',
  ];
  for (const next of escapes) {
    const browser = app.browser();
    const page = await browser.logIn('susan', 'password123', {}, `/login?next=${encodeURIComponent(next)}`);
    assert.is(page.status, 302, next);
    assert.ok(page.location === '/index' || page.location?.startsWith('/%'), `${JSON.stringify(next)} → ${page.location}`);
    assert.ok(page.location?.startsWith('/') && !page.location.startsWith('//') && !page.location.includes('\\'), next);
  }
}));

test('when next holds a control character, then the login page still shows, without it, and the login lands on the index', () => withSusan(async (app) => {
  for (const next of ['%2F%09%2Fevil.example', '%2Findex%00', '%2F%0D%0A%2F%2Fevil.example']) {
    const browser = app.browser();
    const form = await browser.get(`/login?next=${next}`);
    assert.is(form.status, 200, next);
    assert.match(form.text, 'action="/login"');
    const loggedIn = await browser.post(`/login?next=${next}`, { username: 'susan', password: 'password123' });
    assert.is(loggedIn.status, 302, next);
    assert.is(loggedIn.location, '/index');
    const wrong = await app.browser().logIn('susan', 'wrong password', {}, `/login?next=${next}`);
    assert.is(wrong.location, '/login', 'the form it sends back to holds no next either');
  }
  assert.is(app.logs.lines().filter((line) => / (ERROR|WARN): /.test(line)).length, 0);
}));

test('when remember me is ticked, then the session cookie outlives the browser; otherwise it does not', () => withSusan(async (app) => {
  const remembered = await app.browser().logIn('susan', 'password123', { remember_me: 'y' });
  const rememberedCookie = remembered.setCookies.find((line) => line.startsWith(`${SESSION_COOKIE}=`)) ?? '';
  assert.match(rememberedCookie, /expires=/i);
  const expires = new Date(/expires=([^;]+)/i.exec(rememberedCookie)?.[1] ?? 0).getTime();
  assert.ok(expires - Date.now() > 29 * 24 * 3600 * 1000, 'about thirty days');

  const forgotten = await app.browser().logIn('susan', 'password123');
  const sessionCookie = forgotten.setCookies.find((line) => line.startsWith(`${SESSION_COOKIE}=`)) ?? '';
  assert.ok(sessionCookie, 'a session cookie is set');
  assert.not.match(sessionCookie, /expires=/i);
  assert.match(sessionCookie.toLowerCase(), 'httponly');
  assert.match(sessionCookie.toLowerCase(), 'samesite=lax');
}));

test('when the user logs out, then the session ends and the index asks for a login again', () => withSusan(async (app) => {
  const browser = app.browser();
  await browser.logIn('susan');
  await browser.get('/index');
  const page = await browser.post('/logout');
  assert.is(page.location, '/index');
  const index = await browser.get('/index');
  assert.is(index.status, 302);
  assert.is(index.location, '/login?next=%2Findex');
}));

test('when GET /logout is visited, then nothing changes: it only offers the button', () => withSusan(async (app) => {
  const browser = app.browser();
  await browser.logIn('susan');
  const page = await browser.get('/logout');
  assert.is(page.status, 200);
  assert.match(page.text, 'action="/logout"');
  assert.is((await browser.get('/index')).status, 200, 'still logged in');
}));

test('when a login form arrives without its CSRF token, then it is refused with 403', () => withSusan(async (app) => {
  const browser = app.browser();
  await browser.get('/login');
  const page = await browser.post('/login', { username: 'susan', password: 'password123' }, { token: null });
  assert.is(page.status, 403);
  assert.match(page.text, 'This form has expired or was sent from another site');
  assert.is((await browser.get('/index')).status, 302, 'not logged in');
}));

test('when the CSRF token is sent in the query string, then it is not accepted', () => withSusan(async (app) => {
  const browser = app.browser();
  await browser.get('/login');
  const token = browser.lastToken ?? '';
  const page = await browser.post(`/login?csrf_token=${encodeURIComponent(token)}`, { username: 'susan', password: 'password123' }, { token: null });
  assert.is(page.status, 403);
}));

test.run();
