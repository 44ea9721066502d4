import { gzipSync } from 'node:zlib';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SESSION_COOKIE } from '../../adapters/http/middleware/session.js';
import type { RouteEntry } from '../../adapters/http/route-table.js';
import { InMemoryMailer } from '../../adapters/mail/in-memory-mailer.js';
import { EXPORT_EMAIL_SUBJECT } from '../../adapters/mail/pug-export-emails.js';
import { Browser, type Page } from '../support/browser.js';
import { OpenApiContract } from '../support/openapi-contract.js';
import { routePath, STATE_CHANGING_METHODS, storedState } from '../support/routes.js';
import { withApp, type TestApp } from '../support/test-app.js';

// Throws hostile requests at every route the app's routers hold, taken from the routers themselves
// so that a route added tomorrow is covered the day it is added, from a visitor and from a
// logged-in user, with a valid CSRF token so that each request gets past it to the route and its
// database work. A seeded generator keeps every run the same, so a failure can be replayed.

// A path parameter that reaches the database and matches nothing: a follow of it changes nothing.
// The API names users by id, so there it is an id nobody has.
const NOBODY = 'nobody';
const NOBODY_ID = '999999';
const isApiRoute = (route: RouteEntry): boolean => route.path.startsWith('/api/');
const nobodyIn = (route: RouteEntry): string => (isApiRoute(route) ? NOBODY_ID : NOBODY);
// Query names the routes read, and one more that none does.
const QUERY_NAMES = ['page', 'next', 'token', 'since', 'q', 'unread'];
// What a search engine's own query language would read as syntax: in a search's `q`, alone so that
// no other parameter refuses the request first, it must be a search like any other, never a 5xx.
const ENGINE_SYNTAX = ['"', '"unbalanced', 'a AND', 'NOT', 'NEAR(a b, 2)', 'body:x', '{a b}:c', '^a', '-a', '(a', '*', 'a*b*', '🙂', 'a '.repeat(1_000), 'a'.repeat(2_001)];
// Field names of the app's data, besides those its forms show (found on the pages themselves).
const KNOWN_FIELDS = ['username', 'email', 'password', 'password2', 'about_me', 'post', 'remember_me', 'token', 'body', 'message'];

// What no field, parameter or query value may carry through to the database: NUL, lone surrogates,
// other control characters, and 100 KB strings (past the body limit and Node's header limit).
const UNSAFE_TEXT: Readonly<Record<string, readonly string[]>> = {
  nul: ['\u0000', 'a\u0000b', 'victim\u0000', `${"' OR 1=1 --"}\u0000`],
  'lone surrogate': ['\ud800', 'x\udc00y', 'victim\udbff'],
  control: ['\u001b[2J', 'a\u0007', '\u007f', 'a\u0085b', '\u0008\u000b\u000c'],
  '100 KB': ['a'.repeat(100_000), '\u0000'.repeat(100_000)],
};
const ALL_UNSAFE = Object.values(UNSAFE_TEXT).flat();

function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Percent-encodes the UTF-8 bytes of `text`, a lone surrogate as the three bytes a careless encoder
 * writes for it (WTF-8), which no UTF-8 decoder accepts: what a hostile client can put on the wire.
 */
function percentEncode(text: string): string {
  let encoded = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const paired = unit >= 0xd800 && unit <= 0xdbff && /[\udc00-\udfff]/.test(text[i + 1] ?? '');
    if (paired) {
      encoded += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      encoded += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((byte) => `%${byte.toString(16).toUpperCase()}`).join('');
    } else {
      encoded += encodeURIComponent(text[i] ?? '');
    }
  }
  return encoded;
}

function formBody(fields: Readonly<Record<string, string>>, token: string): string {
  return [`csrf_token=${encodeURIComponent(token)}`, ...Object.entries(fields).map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)].join('&');
}

type Actor = Readonly<{
  name: string;
  browser: Browser;
  ensureReady: () => Promise<void>;
  /** The routes this actor is sent to: all, unless it can only tell one kind of route apart from a visitor. */
  covers?: (route: RouteEntry) => boolean;
}>;

/**
 * An API client holding a bearer token (and no cookie), so that API routes are fuzzed past their
 * authentication. A fuzzed `DELETE /api/tokens` revokes the token; the next request gets a new one.
 */
class TokenHolder extends Browser {
  private token: string | null = null;

  constructor(baseUrl: string, private readonly username: string) {
    super(baseUrl);
  }

  override async send(path: string, init: RequestInit & { headers?: Record<string, string> }): Promise<Page> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    const page = await super.send(path, { ...init, headers });
    if (init.method === 'DELETE' && path.split('?')[0] === '/api/tokens' && page.status === 204) this.token = null;
    return page;
  }

  async ensureToken(): Promise<void> {
    if (this.token) return;
    const credentials = Buffer.from(`${this.username}:password123`).toString('base64');
    const issued = await super.send('/api/tokens', { method: 'POST', headers: { Authorization: `Basic ${credentials}` } });
    this.token = (JSON.parse(issued.text) as { token: string }).token;
  }
}

/**
 * One who sends requests. A fuzzed logout, which removes the session cookie, is followed by a new
 * start, so that every request carries a session and its CSRF token.
 */
async function actor(name: string, browser: Browser, start: (browser: Browser) => Promise<unknown>): Promise<Actor> {
  await start(browser);
  return {
    name,
    browser,
    ensureReady: async () => {
      if (!browser.cookies.has(SESSION_COOKIE)) await start(browser);
    },
  };
}

type Fixture = Readonly<{
  app: TestApp;
  actors: readonly Actor[];
  fields: readonly string[];
  /** Asserts that nothing was stored differently and no email went out since the fixture was made. */
  assertNothingChanged: () => Promise<void>;
}>;

/** Runs `work` on the fixture's app, closed whatever `work` does. */
function withFixture(work: (fixture: Fixture) => Promise<void>): Promise<void> {
  const mailer = new InMemoryMailer();
  return withApp({ passwordReset: { mailer, baseUrl: 'https://microblog.example/', linkLifetimeMs: 10 * 60_000 }, postExports: { mailer } }, async (app) => work(await fixture(app, mailer)));
}

/** Two users (the logged-in victim following the other, each with a post), a visitor, and every field name. */
async function fixture(app: TestApp, mailer: InMemoryMailer): Promise<Fixture> {
  const other = app.browser();
  await other.register('other');
  await other.logIn('other');
  await other.get('/index');
  await other.post('/index', { post: 'a post by other' });

  const victim = app.browser();
  await victim.register('victim');
  await victim.logIn('victim');
  await victim.get('/index');
  await victim.post('/index', { post: 'a post by victim' });
  await victim.get('/user/other');
  await victim.post('/follow/other');

  const tokenHolder = new TokenHolder(app.baseUrl, 'victim');
  await tokenHolder.ensureToken();
  const actors = [
    // The API reads no cookie: the logged-in browser shows that on every API route already.
    { ...await actor('visitor', app.browser(), (browser) => browser.get('/register')), covers: (route: RouteEntry) => !isApiRoute(route) },
    await actor('logged in', victim, async (browser) => {
      await browser.logIn('victim');
      await browser.get('/index');
    }),
    { name: 'API token holder', browser: tokenHolder, ensureReady: () => tokenHolder.ensureToken(), covers: isApiRoute },
  ];

  const fields = new Set(KNOWN_FIELDS);
  for (const actor of actors) {
    for (const route of app.routes.filter((entry) => entry.method === 'GET')) {
      const page = await actor.browser.get(routePath(route, 'other'));
      for (const [, name] of page.text.matchAll(/<(?:input|textarea|select)\b[^>]*\bname="([^"]+)"/g)) if (name) fields.add(name);
    }
    await actor.ensureReady();
  }
  fields.delete('csrf_token');

  const before = await storedState(app.location);
  const assertNothingChanged = async () => {
    assert.is(await storedState(app.location), before);
    await app.backgroundSettled();
    // Exporting takes no input, so hostile values beside it leave it what it is: the victim's own
    // posts, mailed to the victim.
    const exported = mailer.sent.filter((mail) => mail.subject === EXPORT_EMAIL_SUBJECT);
    const archived = (content: unknown) => (JSON.parse(String(content)) as { posts: { body: string }[] }).posts.map((post) => post.body);
    for (const mail of exported) assert.equal([mail.to, archived(mail.attachments?.[0]?.content)], [['victim@example.com'], ['a post by victim']]);
    assert.equal(mailer.sent.filter((mail) => !exported.includes(mail)), [], 'no hostile value is an address anybody has');
  };
  return { app, actors, fields: [...fields], assertNothingChanged };
}

type Request = Readonly<{ path: string; init: RequestInit & { headers: Record<string, string> } }>;

/** The hostile requests for one route: in its path parameters, its query, and its body fields. */
function* hostileRequests(route: RouteEntry, fields: readonly string[], token: () => string, random: () => number): Generator<Request> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const hasBody = STATE_CHANGING_METHODS.has(route.method);
  const withBody = (path: string, fieldValues: Readonly<Record<string, string>> = {}, json = false): Request => {
    const headers: Record<string, string> = { 'X-CSRF-Token': token() };
    if (!hasBody) return { path, init: { method: route.method, headers } };
    headers['Content-Type'] = json ? 'application/json' : 'application/x-www-form-urlencoded';
    const body = json ? JSON.stringify({ csrf_token: token(), ...fieldValues }) : formBody(fieldValues, token());
    return { path, init: { method: route.method, headers, body } };
  };

  for (const value of ALL_UNSAFE) {
    if (route.parameters.length > 0) yield withBody(routePath(route, percentEncode(value)));
    const query = [...QUERY_NAMES.map((name) => `${name}=${percentEncode(value)}`), `${percentEncode(value)}=1`].join('&');
    yield withBody(`${routePath(route, nobodyIn(route))}?${query}`);
    if (hasBody) {
      const everyField = Object.fromEntries(fields.map((name) => [name, value]));
      yield withBody(routePath(route, nobodyIn(route)), everyField);
      yield withBody(routePath(route, nobodyIn(route)), everyField, true);
    }
  }
  if (!hasBody) {
    for (const value of ENGINE_SYNTAX) yield withBody(`${routePath(route, nobodyIn(route))}?q=${percentEncode(value)}`);
    return;
  }
  // One field at a time, the others left out, so no field's message hides another's refusal.
  for (const name of fields) {
    for (const variants of Object.values(UNSAFE_TEXT)) yield withBody(routePath(route, nobodyIn(route)), { [name]: pick(variants) }, random() < 0.5);
  }
}

/** An API response as the OpenAPI contract checks it. */
function exchangeOf(method: string, path: string, page: Page) {
  let body: unknown = page.text;
  try {
    body = JSON.parse(page.text);
  } catch {
    // Not JSON: the contract says whether that is allowed.
  }
  return { method, path, status: page.status, contentType: page.headers.get('content-type'), body, rawBody: page.text };
}

test('when NUL, lone surrogates, control characters and 100 KB strings fill every field, path parameter and query value of every route, then no 5xx and nothing stored changes', async () => {
  await withFixture(async ({ app, actors, fields, assertNothingChanged }) => {
    const contract = await OpenApiContract.load(app.baseUrl);
    const random = seeded(20261203);
    const statuses = new Map<number, number>();
    let searched = 0;
    for (const actor of actors) {
      for (const route of app.routes.filter(actor.covers ?? (() => true))) {
        for (const { path, init } of hostileRequests(route, fields, () => actor.browser.lastToken ?? '', random)) {
          const page: Page = await actor.browser.send(path, init);
          statuses.set(page.status, (statuses.get(page.status) ?? 0) + 1);
          assert.ok(page.status < 500, `${actor.name}: ${init.method} ${path.slice(0, 120)} ${typeof init.body === 'string' ? init.body.slice(0, 120) : ''} → ${page.status}`);
          if (path.startsWith('/search?q=') && page.status === 200) searched += 1;
          // A 431 comes from Node's parser, for a request line or headers too large to read: no route,
          // the API's included, ever saw the request.
          if (isApiRoute(route) && page.status !== 431) assert.equal(contract.violations(exchangeOf(init.method ?? 'GET', path, page)), [], `${actor.name}: ${init.method} ${path.slice(0, 120)}`);
          await actor.ensureReady();
        }
      }
    }
    assert.ok(app.routes.filter((route) => STATE_CHANGING_METHODS.has(route.method)).length >= 8, 'every state-changing route is in the table');
    assert.ok((statuses.get(422) ?? 0) > 0, `forms saw the fields and refused them: ${JSON.stringify([...statuses])}`);
    assert.ok((statuses.get(404) ?? 0) > 0 && (statuses.get(400) ?? 0) > 0, `paths and queries were refused: ${JSON.stringify([...statuses])}`);
    assert.ok(searched >= ENGINE_SYNTAX.length - 1, `the search page read engine syntax in q and answered it: ${searched}`);
    await assertNothingChanged();
    assert.is(app.logs.lines().filter((line) => line.includes(' ERROR: ')).length, 0, app.logs.text().slice(0, 2000));
    const victim = actors[1]?.browser;
    assert.is((await victim?.get('/index'))?.status, 200, 'still serving, still logged in');
  });
});

// Bodies that are malformed rather than hostile in their text: wrongly typed, wrongly encoded,
// broken JSON, bodies that do not decompress, nested keys.
const ODD_VALUES = ['', ' ', 'a'.repeat(70), 'x y', '<script>', '%', '%%41', '💥'.repeat(80), 'a\r\nb', "' OR 1=1 --"];
const ODD_KEYS = ['username', 'email', 'password', 'password2', 'about_me', 'remember_me', 'username[a]', 'username[]', 'about_me[0][1][2][3][4][5][6]', '__proto__[x]', 'constructor[prototype][x]'];
const TYPES = ['application/x-www-form-urlencoded', 'application/json', 'text/plain', 'multipart/form-data', 'application/xml', ''];

type Case = Readonly<{ body: Buffer | string; headers: Record<string, string> }>;

function* malformedBodies(random: () => number, currentToken: () => string): Generator<Case> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  for (let i = 0; i < 80; i++) {
    const token = currentToken();
    const withToken = () => (random() < 0.7 ? `csrf_token=${token}&` : '');
    const fields = Array.from({ length: 1 + Math.floor(random() * 5) }, () =>
      `${encodeURIComponent(pick(ODD_KEYS))}=${encodeURIComponent(pick(ODD_VALUES))}`).join('&');
    const kind = i % 8;
    if (kind === 0) yield { body: withToken() + fields, headers: { 'Content-Type': TYPES[0] as string } };
    if (kind === 1) yield { body: Buffer.from(Array.from({ length: 64 }, () => Math.floor(random() * 256))), headers: { 'Content-Type': pick(TYPES) } };
    if (kind === 2) yield { body: JSON.stringify({ csrf_token: token, username: pick([42, null, true, [], {}, ['a'], { $ne: 1 }]), email: pick(ODD_VALUES) }), headers: { 'Content-Type': 'application/json' } };
    if (kind === 3) yield { body: `{"csrf_token": "${token}", "username": ${pick(['', '"', '[', '{"a":', 'NaN', '1e999999'])}`, headers: { 'Content-Type': 'application/json' } };
    if (kind === 4) yield { body: withToken() + `about_me=${'x'.repeat(20_000 + Math.floor(random() * 50_000))}`, headers: { 'Content-Type': TYPES[0] as string } };
    if (kind === 5) yield { body: Buffer.from(`garbage-${i}`), headers: { 'Content-Type': TYPES[0] as string, 'Content-Encoding': pick(['gzip', 'deflate', 'br', 'x-unknown']) } };
    if (kind === 6) yield { body: gzipSync(withToken() + fields), headers: { 'Content-Type': TYPES[0] as string, 'Content-Encoding': 'gzip' } };
    if (kind === 7) yield { body: withToken() + fields, headers: { 'Content-Type': `application/x-www-form-urlencoded; charset=${pick(['utf-8', 'latin1', 'utf-16', 'x-bogus'])}` } };
  }
}

test('when hundreds of malformed bodies hit every state-changing route, then no 5xx, the server answers and nothing stored changes', async () => {
  await withFixture(async ({ app, actors, assertNothingChanged }) => {
    const random = seeded(20261122);
    let sent = 0;
    for (const actor of actors) {
      for (const route of app.routes.filter((entry) => STATE_CHANGING_METHODS.has(entry.method) && (actor.covers ?? (() => true))(entry))) {
        for (const { body, headers } of malformedBodies(random, () => actor.browser.lastToken ?? '')) {
          const page = await actor.browser.send(routePath(route, nobodyIn(route)), { method: route.method, headers, body });
          sent += 1;
          assert.ok(page.status < 500, `${actor.name}: ${route.method} ${route.path} ${JSON.stringify(headers)} ${String(body).slice(0, 80)} → ${page.status}`);
          await actor.ensureReady();
        }
      }
    }
    assert.ok(sent >= 1000, `sent ${sent}`);
    await assertNothingChanged();
    assert.is((await actors[1]?.browser.get('/index'))?.status, 200, 'still serving, still logged in');
    assert.is(app.logs.lines().filter((line) => line.includes(' ERROR: ')).length, 0);
  });
});

test.run();
