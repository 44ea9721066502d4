import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { accountKey, addressKey } from '../../domain/login-throttle.js';
import type { Browser } from '../support/browser.js';
import { withTestDatabase } from '../support/test-database.js';
import { withApiApp } from '../support/api-app.js';
import { withApp, type TestApp } from '../support/test-app.js';

const GUESSES = 50;

/** Browsers on the login form, ready to send their guesses together. */
async function attackers(apps: readonly TestApp[]): Promise<Browser[]> {
  return Promise.all(Array.from({ length: GUESSES }, async (_, i) => {
    const browser = (apps[i % apps.length] as TestApp).browser();
    await browser.get('/login');
    return browser;
  }));
}

async function guessTogether(browsers: readonly Browser[]) {
  const pages = await Promise.all(browsers.map((browser, i) => browser.post('/login', { username: 'susan', password: `guess-${i}` })));
  return {
    evaluated: pages.filter((page) => page.status === 302 && page.location === '/login').length,
    throttled: pages.filter((page) => page.status === 429 && Number(page.headers.get('retry-after')) > 0).length,
  };
}

test('when 50 wrong passwords for one account arrive at once, then 5 are checked and 45 get 429 with Retry-After', async () => {
  await withApp({}, async (app) => {
    await app.browser().register('susan');
    assert.equal(await guessTogether(await attackers([app])), { evaluated: 5, throttled: 45 });
    const counted = await app.inUnitOfWork(() => app.database.loginAttempts.failuresSince(accountKey('susan'), new Date(0)));
    assert.is(counted.length, 5, 'the refused guesses were not counted');
    assert.is((await app.browser().logIn('susan', 'password123')).status, 429, 'the right password waits too');
  });
});

test('when the guesses are spread over two app instances on one database, then still only 5 are checked', () => withTestDatabase(async (database) => {
  await withApp({ database }, (first) => withApp({ database }, async (second) => {
    const apps = [first, second];
    await apps[0]?.browser().register('susan');
    assert.equal(await guessTogether(await attackers(apps)), { evaluated: 5, throttled: 45 });
  }));
}));

// One address behind a proxy, as every guess of one attacker comes from, whatever name it tries.
const ATTACKER = { 'X-Forwarded-For': '203.0.113.7' };

test('when 50 guesses at 50 usernames arrive at once from one address, then 20 are checked and 30 get 429 with Retry-After', async () => {
  await withApp({ trustProxy: true }, async (app) => {
    const browsers = await attackers([app]);
    const pages = await Promise.all(browsers.map((browser, i) => browser.post('/login', { username: `guess${i}`, password: 'wrong-password' }, { headers: ATTACKER })));
    const evaluated = pages.filter((page) => page.status === 302 && page.location === '/login').length;
    const throttled = pages.filter((page) => page.status === 429 && Number(page.headers.get('retry-after')) > 0).length;
    assert.equal({ evaluated, throttled }, { evaluated: 20, throttled: 30 });
    const counted = await app.inUnitOfWork(() => app.database.loginAttempts.failuresSince(addressKey('203.0.113.7'), new Date(0)));
    assert.is(counted.length, 20, 'the refused guesses were not counted');
  });
});

test('when 50 token requests with 50 usernames arrive at once from one address, then 20 are checked and 30 get 429 with Retry-After', async () => {
  await withApiApp({ trustProxy: true }, async ({ api }) => {
    const answers = await Promise.all(Array.from({ length: GUESSES }, (_, i) =>
      api.post('/api/tokens', { basic: { username: `guess${i}`, password: 'wrong-password' }, headers: ATTACKER })));
    const evaluated = answers.filter((answer) => answer.status === 401).length;
    const throttled = answers.filter((answer) => answer.status === 429 && Number(answer.headers.get('retry-after')) > 0).length;
    assert.equal({ evaluated, throttled }, { evaluated: 20, throttled: 30 });
  });
});

test('when colleagues behind one address log in together, wave after wave, then their successes never use up its room', async () => {
  await withApp({ trustProxy: true }, async (app) => {
    const names = Array.from({ length: 20 }, (_, i) => `colleague${i}`);
    for (const name of names) await app.browser().register(name);
    for (let wave = 0; wave < 2; wave++) {
      const browsers = await Promise.all(names.map(async () => {
        const browser = app.browser();
        await browser.get('/login');
        return browser;
      }));
      const pages = await Promise.all(browsers.map((browser, i) => browser.post('/login', { username: names[i] ?? '', password: 'password123' }, { headers: { 'X-Forwarded-For': '192.0.2.1' } })));
      assert.equal(pages.map((page) => page.location), names.map(() => '/index'), `wave ${wave}`);
    }
    const counted = await app.inUnitOfWork(() => app.database.loginAttempts.failuresSince(addressKey('192.0.2.1'), new Date(0)));
    assert.equal(counted, []);
  });
});

test('when a login succeeds after failures, then the account starts again and the address is not charged for the success', async () => {
  await withApp({}, async (app) => {
    await app.browser().register('susan');
    for (let i = 0; i < 4; i++) await app.browser().logIn('susan', `guess-${i}`);
    assert.is((await app.browser().logIn('susan', 'password123')).location, '/index');
    const counts = await app.inUnitOfWork(async () => ({
      account: (await app.database.loginAttempts.failuresSince(accountKey('susan'), new Date(0))).length,
      address: (await app.database.loginAttempts.failuresSince('address:127.0.0.1', new Date(0))).length,
    }));
    assert.equal(counts, { account: 0, address: 4 });
  });
});

// Dear enough that a hash is still running when the other requests reach the hasher, with a line of one behind it.
const NARROW_HASHING = { cost: { N: 2 ** 15, r: 8, p: 1 }, limits: { running: 1, waiting: 1 } } as const;
const COLLEAGUES = 8;

test('when more logins arrive than the hasher runs and holds, then the rest get the 503 page with Retry-After, and nobody is charged for them', async () => {
  await withApp({ hashing: NARROW_HASHING }, async (app) => {
    const names = Array.from({ length: COLLEAGUES }, (_, i) => `colleague${i}`);
    for (const name of names) await app.browser().register(name);
    const browsers = await Promise.all(names.map(async () => {
      const browser = app.browser();
      await browser.get('/login');
      return browser;
    }));
    const pages = await Promise.all(browsers.map((browser, i) => browser.post('/login', { username: names[i] ?? '', password: 'password123' })));
    const busy = pages.filter((page) => page.status === 503);
    assert.equal(pages.filter((page) => page.status !== 503).map((page) => page.location), pages.filter((page) => page.status !== 503).map(() => '/index'));
    assert.ok(busy.length > 0, `some of ${COLLEAGUES} logins at once should find the line full`);
    for (const page of busy) {
      assert.ok(Number(page.headers.get('retry-after')) >= 1, 'says when to come back');
      assert.match(page.text, 'Service Unavailable');
      assert.ok(page.headers.get('content-security-policy'), 'keeps the security headers');
    }
    const counted = await app.inUnitOfWork(() => Promise.all(names.map((name) => app.database.loginAttempts.failuresSince(accountKey(name), new Date(0)))));
    assert.equal(counted.map((failures) => failures.length), names.map(() => 0), 'a login the server was too busy to check is not a failure');
    assert.equal(app.logs.lines().filter((line) => line.includes(' ERROR: ')), [], 'a busy server is no alert per request');
    assert.match(app.logs.text(), 'WARN');
  });
});

test('when the API is asked for tokens faster than the hasher can go, then the rest get a service-busy problem with Retry-After', async () => {
  await withApiApp({ hashing: NARROW_HASHING }, async ({ api }) => {
    for (let i = 0; i < COLLEAGUES; i++) await api.post('/api/users', { json: { username: `colleague${i}`, email: `colleague${i}@example.com`, password: 'password123' } });
    const answers = await Promise.all(Array.from({ length: COLLEAGUES }, (_, i) =>
      api.post('/api/tokens', { basic: { username: `colleague${i}`, password: 'password123' } })));
    const busy = answers.filter((answer) => answer.status === 503);
    assert.ok(busy.length > 0);
    assert.equal(answers.filter((answer) => answer.status !== 503).map((answer) => answer.status), answers.filter((answer) => answer.status !== 503).map(() => 200));
    for (const answer of busy) {
      assert.match(String(answer.json.type), /\/api\/problems\/service-busy$/);
      assert.ok(Number(answer.headers.get('retry-after')) >= 1);
    }
  });
});

test.run();
