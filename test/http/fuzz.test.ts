import { gzipSync } from 'node:zlib';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser } from '../support/browser.js';
import { InMemoryMailer } from '../../adapters/mail/in-memory-mailer.js';
import { startTestApp } from '../support/test-app.js';

// Throws a few hundred malformed, oversized, wrongly-typed and wrongly-encoded bodies at every POST
// route, from a visitor and from a logged-in user, with and without a valid CSRF token. A seeded
// generator keeps every run the same, so a failure can be replayed.

const ROUTES = ['/login', '/register', '/edit_profile', '/logout', '/reset_password_request', '/reset_password/made-up-token'];
// Values no field accepts as valid: so no case can register, rename or log anybody in.
const HOSTILE_VALUES = ['', ' ', 'a'.repeat(70), 'x y', '\u0000', '<script>', '%', '%%41', '💥'.repeat(80), 'a\r\nb', "' OR 1=1 --"];
const HOSTILE_KEYS = ['username', 'email', 'password', 'password2', 'about_me', 'remember_me', 'username[a]', 'username[]', 'about_me[0][1][2][3][4][5][6]', '__proto__[x]', 'constructor[prototype][x]'];
const TYPES = ['application/x-www-form-urlencoded', 'application/json', 'text/plain', 'multipart/form-data', 'application/xml', ''];

function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Case = Readonly<{ body: Buffer | string; headers: Record<string, string> }>;

function* cases(random: () => number, token: string): Generator<Case> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const withToken = () => (random() < 0.7 ? `csrf_token=${token}&` : '');
  for (let i = 0; i < 80; i++) {
    const fields = Array.from({ length: 1 + Math.floor(random() * 5) }, () =>
      `${encodeURIComponent(pick(HOSTILE_KEYS))}=${encodeURIComponent(pick(HOSTILE_VALUES))}`).join('&');
    const kind = i % 8;
    if (kind === 0) yield { body: withToken() + fields, headers: { 'Content-Type': TYPES[0] as string } };
    if (kind === 1) yield { body: Buffer.from(Array.from({ length: 64 }, () => Math.floor(random() * 256))), headers: { 'Content-Type': pick(TYPES) } };
    if (kind === 2) yield { body: JSON.stringify({ csrf_token: token, username: pick([42, null, true, [], {}, ['a'], { $ne: 1 }]), email: pick(HOSTILE_VALUES) }), headers: { 'Content-Type': 'application/json' } };
    if (kind === 3) yield { body: `{"csrf_token": "${token}", "username": ${pick(['', '"', '[', '{"a":', 'NaN', '1e999999'])}`, headers: { 'Content-Type': 'application/json' } };
    if (kind === 4) yield { body: withToken() + `about_me=${'x'.repeat(20_000 + Math.floor(random() * 50_000))}`, headers: { 'Content-Type': TYPES[0] as string } };
    if (kind === 5) yield { body: Buffer.from(`garbage-${i}`), headers: { 'Content-Type': TYPES[0] as string, 'Content-Encoding': pick(['gzip', 'deflate', 'br', 'x-unknown']) } };
    if (kind === 6) yield { body: gzipSync(withToken() + fields), headers: { 'Content-Type': TYPES[0] as string, 'Content-Encoding': 'gzip' } };
    if (kind === 7) yield { body: withToken() + fields, headers: { 'Content-Type': `application/x-www-form-urlencoded; charset=${pick(['utf-8', 'latin1', 'utf-16', 'x-bogus'])}` } };
  }
}

async function storedUsers(app: Awaited<ReturnType<typeof startTestApp>>): Promise<string> {
  return app.inUnitOfWork(async () => {
    const users = await Promise.all(['victim', 'other'].map((name) => app.database.users.findByUsername(name)));
    return JSON.stringify(users.map((user) => user && { ...user, lastSeen: null }));
  });
}

test('when hundreds of malformed bodies hit every POST route, then no 5xx, the server answers and nothing stored changes', async () => {
  const mailer = new InMemoryMailer();
  const app = await startTestApp({ passwordReset: { mailer, baseUrl: 'https://microblog.example/', linkLifetimeMs: 10 * 60_000 } });
  try {
    await app.browser().register('other');
    const loggedIn = app.browser();
    await loggedIn.register('victim');
    await loggedIn.logIn('victim');
    await loggedIn.get('/edit_profile');
    const anonymous = app.browser();
    await anonymous.get('/register');
    const before = await storedUsers(app);

    const random = seeded(20261122);
    let sent = 0;
    for (const browser of [anonymous, loggedIn] as Browser[]) {
      for (const route of ROUTES) {
        for (const { body, headers } of cases(random, browser.lastToken ?? '')) {
          if (route === '/logout' && browser === loggedIn) continue; // a valid logout would end the session under test
          const page = await browser.send(route, { method: 'POST', headers, body });
          sent += 1;
          assert.ok(page.status < 500, `${route} ${JSON.stringify(headers)} ${String(body).slice(0, 80)} → ${page.status}`);
        }
      }
    }
    assert.ok(sent >= 500, `sent ${sent}`);
    assert.is(await storedUsers(app), before);
    await app.backgroundSettled();
    assert.equal(mailer.sent, [], 'no hostile value is an address anybody has');
    assert.is((await loggedIn.get('/index')).status, 200, 'still serving, still logged in');
    assert.is(app.logs.lines().filter((line) => line.includes(' ERROR: ')).length, 0);
  } finally {
    await app.close();
  }
});

test.run();
