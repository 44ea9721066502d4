import helmet from 'helmet';
import Keygrip from 'keygrip';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SECURITY_HEADER_OPTIONS } from '../../adapters/http/middleware/security-headers.js';
import { SESSION_COOKIE } from '../../adapters/http/middleware/session.js';
import { ADDRESS_RULE } from '../../domain/login-throttle.js';
import { Browser } from '../support/browser.js';
import { FixedClock } from '../support/fixed-clock.js';
import { routePath, STATE_CHANGING_METHODS, storedState } from '../support/routes.js';
import { TEST_SECRET_KEY, withApp } from '../support/test-app.js';
import { withTestDatabase } from '../support/test-database.js';

const OLD_KEY = TEST_SECRET_KEY;
const NEW_KEY = 'a-newer-test-only-secret-key-abcdefghijklmnopqrstu';

/** A second browser holding exactly the cookies of the first: a stolen or copied cookie. */
function copyOf(browser: Browser): Browser {
  const thief = new Browser(browser.baseUrl);
  for (const [name, value] of browser.cookies) thief.cookies.set(name, value);
  return thief;
}

test('when a user logs out, then a copy of their cookie taken before is anonymous', async () => {
  await withApp({}, async (app) => {
    const browser = app.browser();
    await browser.register('susan');
    await browser.logIn('susan');
    await browser.get('/index');
    const thief = copyOf(browser);
    assert.is((await thief.get('/index')).status, 200, 'the copy works while the session lives');
    await browser.post('/logout');
    const replay = await thief.get('/index');
    assert.is(replay.status, 302);
    assert.is(replay.location, '/login?next=%2Findex');
  });
});

test('when a user logs in, then the visitor cookie from before does not become a logged-in one', async () => {
  await withApp({}, async (app) => {
    const browser = app.browser();
    await browser.register('susan');
    await browser.get('/login');
    const planted = copyOf(browser);
    await browser.post('/login', { username: 'susan', password: 'password123' });
    assert.is.not(browser.cookies.get(SESSION_COOKIE), planted.cookies.get(SESSION_COOKIE));
    assert.is((await planted.get('/index')).status, 302, 'the pre-login cookie stays anonymous');
  });
});

test("when a user changes their username, then their other sessions end and this one continues", async () => {
  await withApp({}, async (app) => {
    const laptop = app.browser();
    await laptop.register('susan');
    await laptop.logIn('susan');
    const phone = app.browser();
    await phone.logIn('susan');
    await laptop.get('/edit_profile');
    assert.is((await laptop.post('/edit_profile', { username: 'susie', about_me: '' })).status, 302);
    assert.is((await laptop.get('/index')).status, 200);
    assert.is((await phone.get('/index')).status, 302);
  });
});

test('when a session idles past its limit, then the server ends it whatever the cookie says', async () => {
  const clock = new FixedClock(new Date());
  await withApp({ clock }, async (app) => {
    const browser = app.browser();
    await browser.register('susan');
    await browser.logIn('susan');
    clock.advance(60 * 60_000);
    assert.is((await browser.get('/index')).status, 200, 'an hour idle is fine');
    clock.advance(3 * 60 * 60_000);
    assert.is((await browser.get('/index')).status, 302, 'three more hours is not');
  });
});

test('when logins keep failing, then 429 with Retry-After and its page, and the account recovers after the wait', async () => {
  const clock = new FixedClock(new Date());
  await withApp({ clock }, async (app) => {
    await app.browser().register('susan');
    const attacker = app.browser();
    for (let i = 0; i < 5; i++) assert.is((await attacker.logIn('susan', `guess-${i}`)).location, '/login');
    const blocked = await attacker.logIn('susan', 'password123');
    assert.is(blocked.status, 429);
    assert.is(blocked.headers.get('retry-after'), String(15 * 60));
    assert.match(blocked.text, 'Too Many Requests');
    const json = await attacker.send('/login', {
      method: 'POST', headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `csrf_token=${attacker.lastToken ?? ''}&username=susan&password=password123`,
    });
    assert.is((JSON.parse(json.text) as { status: number }).status, 429);

    clock.advance(15 * 60_000 + 1000);
    const recovered = await app.browser().logIn('susan', 'password123');
    assert.is(recovered.location, '/index');
  });
});

test('when two app processes share the database, then failures seen by one throttle the other', () => withTestDatabase(async (database) => {
  await withApp({ database }, (first) => withApp({ database }, async (second) => {
    await first.browser().register('susan');
    for (let i = 0; i < 5; i++) await (i % 2 ? first : second).browser().logIn('susan', `guess-${i}`);
    assert.is((await first.browser().logIn('susan', 'password123')).status, 429);
    assert.is((await second.browser().logIn('susan', 'password123')).status, 429);
  }));
}));

test('when served over HTTPS behind a trusted proxy, then the session cookie is Secure; over plain HTTP it is not', async () => {
  await withApp({ trustProxy: true }, async (app) => {
    const https = await app.browser().get('/login', { 'X-Forwarded-Proto': 'https' });
    assert.match(https.setCookies.join('\n'), /microblog_session=[^;]+;.*secure/i);
    const http = await app.browser().get('/login');
    assert.ok(http.setCookies.length > 0);
    assert.not.match(http.setCookies.join('\n'), /secure/i);
  });
});

test('when behind a trusted proxy, then the client address is the one the proxy appended, whatever the client wrote before it', async () => {
  await withApp({ trustProxy: true }, async (app) => {
    const browser = app.browser();
    await browser.get('/login');
    // One client forging a new left-most address every time, behind a proxy that appends 203.0.113.7.
    const guess = (i: number, forwardedFor: string) =>
      browser.post('/login', { username: `nobody${i}`, password: 'wrong-password' }, { headers: { 'X-Forwarded-For': forwardedFor } });
    for (let i = 0; i < ADDRESS_RULE.maxFailures; i++) assert.is((await guess(i, `198.51.100.${i}, 203.0.113.7`)).status, 302, `guess ${i}`);
    const throttled = await guess(99, '198.51.100.99, 203.0.113.7');
    assert.is(throttled.status, 429, 'the forged entries did not make new addresses');
    assert.ok(throttled.headers.get('retry-after'));
    assert.is((await guess(100, '203.0.113.8')).status, 302, 'another client behind the proxy is not throttled');
  });
});

test("when any page or error page is answered, then it carries exactly the security headers helmet itself sets with the app's options", async () => {
  const server: Server = createServer((req, res) => helmet(SECURITY_HEADER_OPTIONS)(req, res, () => res.end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const fromHelmet = (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)).headers;
    const helmetNames = [...fromHelmet.keys()].filter((name) => !['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(name));
    assert.ok(helmetNames.includes('content-security-policy') && helmetNames.includes('strict-transport-security'));
    await withApp({}, async (app) => {
      for (const path of ['/login', '/no-such-page', '/static/app.css']) {
        const page = await app.browser().get(path);
        for (const name of helmetNames) assert.is(page.headers.get(name), fromHelmet.get(name), `${path}: ${name}`);
      }
    });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test('when a visitor who already holds a session loads the login form again, then the same token is in it and no cookie is written', async () => {
  await withApp({}, async (app) => {
    const visitor = app.browser();
    const first = await visitor.get('/login');
    assert.ok(first.setCookies.some((line) => line.startsWith(`${SESSION_COOKIE}=`)));
    const again = await visitor.get('/login');
    assert.equal(again.setCookies, []);
    const token = (page: { text: string }) => /name="csrf_token" value="([^"]+)"/.exec(page.text)?.[1];
    assert.ok(token(first));
    assert.is(token(again), token(first));
    assert.is(again.headers.get('cache-control'), 'no-store');
  });
});

test('when a response depends on the session, then it is never stored; the stylesheet is', async () => {
  await withApp({}, async (app) => {
    const susan = app.browser();
    await susan.register('susan');
    await susan.logIn('susan');
    const visitor = app.browser();
    const gets = app.routes.filter((route) => route.method === 'GET');
    assert.ok(gets.length >= 8);
    for (const [who, browser] of [['visitor', visitor], ['susan', susan]] as const) {
      for (const route of gets) {
        const page = await browser.get(routePath(route, 'susan'));
        assert.is(page.headers.get('cache-control'), 'no-store', `${who}: GET ${route.path} → ${page.status}`);
      }
    }
    const saved = await susan.post('/edit_profile', { username: 'susan', about_me: 'hello' });
    assert.is(saved.headers.get('cache-control'), 'no-store', 'a redirect that carries a message');
    const stylesheet = await app.browser().get('/static/app.css');
    assert.match(stylesheet.headers.get('cache-control') ?? '', /^public/);
  });
});

test('when the secret key is rotated, then cookies signed with the old key still work and are re-signed with the new one', () => withTestDatabase(async (database) => {
  const browser = await withApp({ database, secretKeys: [OLD_KEY] }, async (before) => {
    const susan = before.browser();
    await susan.register('susan');
    await susan.logIn('susan');
    return susan;
  });
  await withApp({ database, secretKeys: [NEW_KEY, OLD_KEY] }, async (rotated) => {
    const visitor = new Browser(rotated.baseUrl);
    for (const [name, value] of browser.cookies) visitor.cookies.set(name, value);
    const page = await visitor.get('/index');
    assert.is(page.status, 200, 'still logged in after the rotation');
    const value = visitor.cookies.get(SESSION_COOKIE) ?? '';
    assert.is(visitor.cookies.get(`${SESSION_COOKIE}.sig`), new Keygrip([NEW_KEY]).sign(`${SESSION_COOKIE}=${value}`), 're-signed with the newest key');
  });
  await withApp({ database, secretKeys: ['yet-another-test-only-secret-key-0123456789abcdef'] }, async (retired) => {
    const visitor = new Browser(retired.baseUrl);
    for (const [name, value] of browser.cookies) visitor.cookies.set(name, value);
    assert.is((await visitor.get('/index')).status, 302, 'a key no longer configured verifies nothing');
  });
}));

test('when any state-changing route is sent with the session cookie but without its CSRF token, then it is refused and nothing happens', async () => {
  await withApp({}, async (app) => {
    await app.browser().register('bob');
    const browser = app.browser();
    await browser.register('susan');
    await browser.logIn('susan');
    await browser.get('/edit_profile');
    const before = await storedState(app.location);
    const stateChanging = app.routes.filter((route) => STATE_CHANGING_METHODS.has(route.method));
    assert.ok(stateChanging.length >= 8, JSON.stringify(stateChanging));
    for (const route of stateChanging) {
      // Every parameter names bob: a follow that got through would change something.
      const path = routePath(route, 'bob');
      for (const token of [null, 'forged-token']) {
        const page = await browser.send(path, {
          method: route.method,
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(token ? { 'X-CSRF-Token': token } : {}) },
          body: new URLSearchParams({ username: 'susie', post: 'hello', about_me: 'me', ...(token ? { csrf_token: token } : {}) }).toString(),
        });
        // The API reads no cookie: a forged request gets no further than its missing token, or
        // than its body, which a cross-site form cannot send as JSON (registration needs no token).
        if (route.path.startsWith('/api/')) assert.ok([401, 415].includes(page.status), `${route.method} ${path} → ${page.status}`);
        else assert.is(page.status, 403, `${route.method} ${path}`);
      }
    }
    assert.is(await storedState(app.location), before);
    assert.is((await browser.get('/index')).status, 200, 'still logged in: the logout was refused');
  });
});

test.run();
