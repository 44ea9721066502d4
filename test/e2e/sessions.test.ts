import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import * as assert from 'uvu/assert';
import { flashes, logIn, register, signedUp, submitLogin } from '../support/e2e-actions.js';
import { e2eSuite } from '../support/e2e-suite.js';

const e2e = e2eSuite('e2e: login, sessions and forged forms in Chromium');

const SESSION_COOKIE = 'microblog_session';
const DAY_S = 24 * 60 * 60;

e2e.test('when a visitor opens a page that needs a login, then the login form brings her back to it', async ({ app, newPage }) => {
  const page = await newPage();
  await register(page, app.baseUrl, 'dora');
  await page.goto(`${app.baseUrl}/user/dora?tab=about`);
  assert.is(page.url(), `${app.baseUrl}/login?next=%2Fuser%2Fdora%3Ftab%3Dabout`);
  assert.equal(await flashes(page), ['Please log in to access this page.']);

  await submitLogin(page, 'dora');
  assert.is(page.url(), `${app.baseUrl}/user/dora?tab=about`);
  assert.is(await page.getByRole('heading', { level: 1 }).innerText(), 'User: dora');
});

// The HTTP tests try every way out of the site; this one checks what the browser makes of one.
e2e.test('when the next parameter points to another site, then the login lands on the index of this one', async ({ app, newPage }) => {
  const page = await newPage();
  await register(page, app.baseUrl, 'fiona');
  await page.goto(`${app.baseUrl}/login?next=${encodeURIComponent('//evil.example/')}`);
  await submitLogin(page, 'fiona');
  assert.is(page.url(), `${app.baseUrl}/index`);
});

e2e.test('when she ticks Remember Me, then the session cookie has a lifetime and survives a browser restart', async ({ app, newPage, newContext }) => {
  const page = await newPage();
  await register(page, app.baseUrl, 'gina');
  await logIn(page, app.baseUrl, 'gina', { rememberMe: true });

  const cookies = await page.context().cookies(app.baseUrl);
  const session = cookies.find((cookie) => cookie.name === SESSION_COOKIE);
  assert.ok(session, 'the session cookie is set');
  assert.ok(session.expires > Date.now() / 1000 + 29 * DAY_S, `expires in about 30 days, not ${session.expires}`);
  assert.ok(session.httpOnly);
  assert.is(session.sameSite, 'Lax');

  const restarted = await newContext();
  await restarted.addCookies(cookies.filter((cookie) => cookie.expires !== -1));
  const later = await restarted.newPage();
  await later.goto(`${app.baseUrl}/index`);
  assert.is(await later.getByRole('heading', { level: 1 }).innerText(), 'Hi, gina!');
});

e2e.test('when she does not tick Remember Me, then the session cookie has no expiry and ends with the browser', async ({ app, newPage, newContext }) => {
  const page = await newPage();
  await register(page, app.baseUrl, 'hana');
  await logIn(page, app.baseUrl, 'hana');

  const cookies = await page.context().cookies(app.baseUrl);
  const session = cookies.find((cookie) => cookie.name === SESSION_COOKIE);
  assert.ok(session, 'the session cookie is set');
  assert.is(session.expires, -1, 'a session cookie');

  const restarted = await newContext();
  await restarted.addCookies(cookies.filter((cookie) => cookie.expires !== -1));
  const later = await restarted.newPage();
  await later.goto(`${app.baseUrl}/index`);
  assert.match(later.url(), /\/login\?next=%2Findex$/);
});

e2e.test('when another site makes her browser post the edit form, then the app answers Form Expired and nothing changes', async ({ app, newPage }) => {
  const page = await newPage();
  await signedUp(page, app.baseUrl, 'iris');
  // 127.0.0.2 is another site: the SameSite=Lax cookie stays home. Another port of 127.0.0.1 is another
  // origin of the same site: the cookie goes along, and only the CSRF token stops the forgery.
  for (const attacker of [{ host: '127.0.0.2', cookieSent: false }, { host: '127.0.0.1', cookieSent: true }]) {
    const site = await startAttackerSite(attacker.host, `${app.baseUrl}/edit_profile`);
    try {
      await page.goto(site.url);
      const [response] = await Promise.all([
        page.waitForResponse((candidate) => candidate.url() === `${app.baseUrl}/edit_profile` && candidate.request().method() === 'POST'),
        page.getByRole('button', { name: 'Claim your prize' }).click(),
      ]);
      const sent = await response.request().allHeaders();
      assert.is((sent.cookie ?? '').includes(`${SESSION_COOKIE}=`), attacker.cookieSent, `cookie sent from ${attacker.host}`);
      assert.is(response.status(), 403, attacker.host);
      await page.waitForLoadState();
      assert.is(await page.getByRole('heading', { level: 1 }).innerText(), 'Form Expired');
      assert.ok(await page.getByRole('link', { name: 'Back to the home page' }).isVisible());
    } finally {
      await site.close();
    }
  }
  await assertProfileUnchanged(page, app.baseUrl, 'iris');
});

async function assertProfileUnchanged(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/user/${username}`);
  assert.is(await page.getByRole('heading', { level: 1 }).innerText(), `User: ${username}`);
  assert.is(await page.locator('.about-me').count(), 0, 'no about me was written');
  await page.goto(`${baseUrl}/user/pwned`);
  assert.is(await page.getByRole('heading', { level: 1 }).innerText(), 'Page Not Found', 'nobody was renamed');
}

/** A page on another origin whose button posts a forged edit form to the app. */
async function startAttackerSite(host: string, target: string): Promise<{ url: string; close: () => Promise<void> }> {
  const html = `<!doctype html><title>Prizes</title>
    <form method="post" action="${target}">
      <input type="hidden" name="username" value="pwned">
      <input type="hidden" name="about_me" value="hacked">
      <button>Claim your prize</button>
    </form>`;
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, host, () => done());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/`,
    close: () => {
      server.closeAllConnections();
      return new Promise((done) => server.close(() => done()));
    },
  };
}

e2e.run();
