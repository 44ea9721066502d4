import createHttpError from 'http-errors';
import { METHODS } from 'node:http';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { SessionRepository } from '../../domain/ports/session-repository.js';
import { FaultSwitch } from '../support/fault-switch.js';
import { FaultyUserRepository, LEAKY_SQL } from '../support/faulty-user-repository.js';
import { sendRaw } from '../support/raw-http.js';
import { routePath } from '../support/routes.js';
import { withApp, type TestApp } from '../support/test-app.js';

type World = { app: TestApp; users: FaultyUserRepository; sessions: FaultSwitch<SessionRepository> };
const test = suite('error pages');

/** An app of its own for each test, its user and session repositories ready to fail on demand. */
function inWorld(work: (world: World) => Promise<void>): Promise<void> {
  const world = {} as World;
  return withApp({
    userRepository: (real) => (world.users = new FaultyUserRepository(real)),
    sessionRepository: (real) => (world.sessions = new FaultSwitch(real)).port,
  }, async (app) => work(Object.assign(world, { app })));
}

const JSON_ACCEPT = { Accept: 'application/json' };

test('when a URL does not exist, then the custom 404 page with the layout and a link home', () => inWorld(async ({ app }) => {
  const page = await app.browser().get('/no/such/page');
  assert.is(page.status, 404);
  assert.match(page.headers.get('content-type') ?? '', 'text/html');
  assert.match(page.text, 'Page Not Found');
  assert.match(page.text, 'class="site-header"');
  assert.match(page.text, 'href="/index"');
}));

test('when a JSON client asks for a missing URL, then problem+json with the same status', () => inWorld(async ({ app }) => {
  const page = await app.browser().get('/no/such/page', JSON_ACCEPT);
  assert.is(page.status, 404);
  assert.is(page.headers.get('content-type'), 'application/problem+json');
  const problem = JSON.parse(page.text) as Record<string, unknown>;
  assert.is(problem.status, 404);
  assert.is(problem.title, 'Not Found');
  assert.is(problem.type, 'about:blank');
  assert.type(problem.detail, 'string');
}));

test('when a page is used with the wrong method, then 405 with an Allow header', () => inWorld(async ({ app }) => {
  const browser = app.browser();
  await browser.get('/login');
  const page = await browser.post('/explore', {});
  assert.is(page.status, 405);
  assert.match(page.headers.get('allow') ?? '', 'GET');
  assert.match(page.text, 'Method Not Allowed');
  const json = await browser.send('/register', { method: 'DELETE', headers: JSON_ACCEPT });
  assert.is(json.status, 405);
  assert.is((JSON.parse(json.text) as { status: number }).status, 405);
}));

test('when the database fails, then the custom 500 page with a reference that is in the log', () => inWorld(async ({ app, users }) => {
  const browser = app.browser();
  await browser.register('susan');
  await browser.logIn('susan');
  await browser.get('/edit_profile');
  users.failing = 'updateProfile';
  const page = await browser.post('/edit_profile', { username: 'susan', about_me: 'new' });
  assert.is(page.status, 500);
  assert.match(page.text, 'An unexpected error has occurred');
  const reference = /<code>([0-9A-Z]{8,})<\/code>/.exec(page.text)?.[1];
  assert.ok(reference, 'the page shows a reference');
  assert.not.match(page.text, 'SQLITE');
  assert.not.match(page.text, 'password_hash');
  assert.not.match(page.text, 'DatabaseLost');
  assert.not.match(page.text, '.ts:');
  const logLine = app.logs.lines().find((line) => line.includes(`errorId=${reference}`));
  assert.ok(logLine, 'the reference leads to the log line');
  assert.match(logLine, 'ERROR');
  assert.match(logLine, 'method=POST');
  assert.match(logLine, 'path=/edit_profile');
  assert.match(logLine, /userId=\d+/);
  assert.not.match(app.logs.text(), LEAKY_SQL);

  users.failing = null;
  const next = await browser.get('/user/susan');
  assert.is(next.status, 200, 'the next request works');
  assert.match(next.text, 'User: susan');
  assert.not.match(next.text, 'new</p>', 'nothing of the failed request was saved');
}));

test('when the database fails for a JSON client, then problem+json carries the reference and no internals', () => inWorld(async ({ app, sessions }) => {
  const browser = app.browser();
  await browser.register('susan');
  await browser.logIn('susan');
  // The session and its user are read together: that read fails.
  sessions.failing = 'find';
  const page = await browser.get('/index', JSON_ACCEPT);
  assert.is(page.status, 500);
  const problem = JSON.parse(page.text) as Record<string, unknown>;
  assert.is(problem.status, 500);
  assert.match(String(problem.reference), /^[0-9A-Z]{8}$/);
  assert.not.match(page.text, 'SQL');
  assert.not.match(page.text, 'stack');
}));

test('when loading the logged-in user fails, then the 500 page still renders, without the user', () => inWorld(async ({ app, sessions }) => {
  const browser = app.browser();
  await browser.register('susan');
  await browser.logIn('susan');
  // The session and its user are read together: that read fails.
  sessions.failing = 'find';
  const page = await browser.get('/index');
  assert.is(page.status, 500);
  assert.match(page.text, 'An unexpected error has occurred');
  assert.match(page.text, 'href="/login"', 'the nav shows the anonymous links');
}));

test('when responses are errors, then the security headers are still on them', () => inWorld(async ({ app, sessions }) => {
  const browser = app.browser();
  const missing = await browser.get('/missing');
  await browser.register('susan');
  await browser.logIn('susan');
  // The session and its user are read together: that read fails.
  sessions.failing = 'find';
  const failed = await browser.get('/index');
  for (const page of [missing, failed]) {
    assert.match(page.headers.get('content-security-policy') ?? '', "default-src 'self'");
    assert.is(page.headers.get('x-content-type-options'), 'nosniff');
    assert.ok(page.headers.get('x-frame-options'));
    assert.ok(page.headers.get('referrer-policy'));
  }
  assert.is(failed.headers.get('set-cookie'), null, 'a failed request changes no cookie');
  assert.is(failed.headers.get('cache-control'), 'no-store');
}));

// Every method Node parses but no route takes. CONNECT is left out: without a `connect` listener
// Node closes the connection before any app sees the request.
const UNTAKEN_METHODS = METHODS.filter((method) => !['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'CONNECT'].includes(method));

test('when a client uses a method no route takes, then 405 with Allow on every route and 404 elsewhere, never a 5xx', () => inWorld(async ({ app }) => {
  const allowed = new Map<string, Set<string>>();
  for (const route of app.routes) {
    const path = routePath(route, 'susan');
    const methods = allowed.get(path) ?? new Set<string>();
    for (const method of route.method === 'GET' ? ['GET', 'HEAD'] : [route.method]) methods.add(method);
    allowed.set(path, methods);
  }
  assert.ok([...allowed.keys()].some((path) => path.startsWith('/api/')), 'the API\'s routes are in the table');
  for (const [path, methods] of allowed) {
    for (const method of UNTAKEN_METHODS) {
      const answer = await sendRaw(app.baseUrl, method, path, { Accept: 'text/html' });
      assert.is(answer.status, 405, `${method} ${path}`);
      assert.equal(new Set(answer.headers.allow?.split(', ')), methods, `${method} ${path}`);
    }
  }
  for (const path of ['/nowhere', '/api/nowhere', '/api', '/static/nothing.css']) {
    for (const method of UNTAKEN_METHODS) {
      const answer = await sendRaw(app.baseUrl, method, path, { Accept: 'text/html' });
      assert.is(answer.status, 404, `${method} ${path}`);
      assert.is(answer.headers.allow, undefined, `${method} ${path}`);
    }
  }
}));

test('when a client uses a method the site does not take, then the 405 page in the layout with the security headers, at INFO', () => inWorld(async ({ app }) => {
  for (const method of ['TRACE', 'PROPFIND', 'MKCOL', 'LOCK', 'SEARCH', 'PURGE']) {
    const page = await sendRaw(app.baseUrl, method, '/index', { Accept: 'text/html' });
    assert.is(page.status, 405, method);
    assert.is(page.headers.allow, 'HEAD, GET, POST');
    assert.match(page.text, 'Method Not Allowed');
    assert.match(page.text, 'class="site-header"');
    assert.match(String(page.headers['content-security-policy']), "default-src 'self'");
    assert.is(page.headers['x-content-type-options'], 'nosniff');
  }
  const json = await sendRaw(app.baseUrl, 'PROPFIND', '/login', JSON_ACCEPT);
  assert.is(json.headers['content-type'], 'application/problem+json');
  assert.is((JSON.parse(json.text) as { status: number }).status, 405);
  const nowhere = await sendRaw(app.baseUrl, 'TRACE', '/p1', { Accept: 'text/html' });
  assert.is(nowhere.status, 404);
  assert.match(nowhere.text, 'Page Not Found');
  assert.equal(app.logs.lines().filter((line) => / (ERROR|WARN): /.test(line)), []);
  assert.is(app.logs.lines().filter((line) => line.includes('INFO: 405 on /index')).length, 6);
}));

test('when a failure carries its own server status, then it keeps it and its Retry-After, with no reference and no alert', () => inWorld(async ({ app, users }) => {
  const browser = app.browser();
  await browser.register('susan');
  await browser.logIn('susan');
  users.failing = 'findByUsername';
  users.failure = () => createHttpError(503, 'read-only while the database is copied', { headers: { 'Retry-After': '120', 'X-Backend': 'db-7.internal' } });
  const page = await browser.get('/user/susan');
  assert.is(page.status, 503);
  assert.is(page.headers.get('retry-after'), '120');
  assert.is(page.headers.get('x-backend'), null, 'only the headers meant for the client');
  assert.match(page.headers.get('content-security-policy') ?? '', "default-src 'self'");
  assert.match(page.text, 'Service Unavailable');
  assert.match(page.text, 'class="site-header"');
  assert.not.match(page.text, 'read-only while');
  assert.not.match(page.text, /<code>[0-9A-Z]{8,}<\/code>/, 'no reference: nothing unexpected happened');
  const warning = app.logs.lines().find((line) => line.includes(' WARN: 503 on /user/susan'));
  assert.ok(warning, app.logs.text());
  assert.equal(app.logs.lines().filter((line) => line.includes(' ERROR: ')), []);
}));

test("when a failure is Flask's InsufficientStorage, then 507 in the layout and in problem+json", () => inWorld(async ({ app, users }) => {
  const browser = app.browser();
  await browser.register('susan');
  await browser.logIn('susan');
  users.failing = 'findByUsername';
  users.failure = () => new createHttpError.InsufficientStorage();
  const page = await browser.get('/user/susan');
  assert.is(page.status, 507);
  assert.match(page.text, 'Insufficient Storage');
  const json = await browser.get('/user/susan', JSON_ACCEPT);
  assert.is(json.status, 507);
  assert.is((JSON.parse(json.text) as { title: string }).title, 'Insufficient Storage');
  assert.equal(app.logs.lines().filter((line) => line.includes(' ERROR: ')), []);
}));

test.run();
