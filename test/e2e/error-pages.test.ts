import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import * as assert from 'uvu/assert';
import { hideTable } from '../support/database-lock.js';
import { signedUp } from '../support/e2e-actions.js';
import { ADMIN_EMAIL, e2eSuite } from '../support/e2e-suite.js';
import type { InPage } from '../support/in-page.js';

const e2e = e2eSuite('e2e: error pages in Chromium');

async function assertSiteLayout(page: Page): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Main' });
  assert.ok(await nav.getByRole('link', { name: 'Microblog' }).isVisible(), 'the brand in the nav');
  assert.ok(await nav.getByRole('link', { name: 'Home' }).isVisible(), 'the Home link in the nav');
  assert.ok(await page.getByRole('contentinfo').isVisible(), 'the footer');
  assert.is(await page.locator('link[rel="stylesheet"][href="/static/app.css"]').count(), 1);
  assert.is(await page.evaluate(() => {
    const { getComputedStyle, document } = globalThis as unknown as InPage;
    return getComputedStyle(document.body).display;
  }), 'flex', 'the stylesheet is applied');
}

e2e.test('when a visitor opens an address that does not exist, then the custom 404 page in the site layout links home', async ({ app, newPage }) => {
  const page = await newPage();
  const response = await page.goto(`${app.baseUrl}/no/such/page`);
  assert.is(response?.status(), 404);
  assert.is(await page.title(), 'Page Not Found · Microblog');
  assert.is(await page.getByRole('heading', { level: 1 }).innerText(), 'Page Not Found');
  assert.ok(await page.getByText('There is nothing at this address.').isVisible());
  await assertSiteLayout(page);

  await page.getByRole('link', { name: 'Back to the home page' }).click();
  await page.waitForURL(/\/login\?next=%2Findex$/);
  assert.is(await page.getByRole('heading', { level: 1 }).innerText(), 'Sign In', 'home, which asks an anonymous visitor to log in');
});

e2e.test('when a logged-in user opens the profile of nobody, then the 404 page keeps her nav and its link takes her home', async ({ app, newPage }) => {
  const page = await newPage();
  await signedUp(page, app.baseUrl, 'kim');
  const response = await page.goto(`${app.baseUrl}/user/nobody`);
  assert.is(response?.status(), 404);
  assert.is(await page.getByRole('heading', { level: 1 }).innerText(), 'Page Not Found');
  await assertSiteLayout(page);
  assert.ok(await page.getByRole('navigation').getByRole('button', { name: 'Logout' }).isVisible(), 'still logged in');

  await page.getByRole('link', { name: 'Back to the home page' }).click();
  await page.waitForURL(/\/index$/);
  assert.is(await page.getByRole('heading', { level: 1 }).innerText(), 'Hi, kim!');
});

e2e.test('when a table is gone from the database during a form submit, then the custom 500 shows a reference, the admins are mailed it, and the next click works', async ({ app, smtp, newPage }) => {
  const page = await newPage();
  await signedUp(page, app.baseUrl, 'lena');
  await page.goto(`${app.baseUrl}/edit_profile`);
  await page.getByLabel('About me').fill('written while the users table is gone');
  const mailsBefore = smtp.received().length;

  const lock = await hideTable(app.databasePath, 'users');
  let reference: string;
  try {
    const [response] = await Promise.all([
      page.waitForResponse((candidate) => candidate.url() === `${app.baseUrl}/edit_profile` && candidate.request().method() === 'POST'),
      page.getByRole('button', { name: 'Submit' }).click(),
    ]);
    assert.is(response.status(), 500);
    await page.waitForLoadState();
    assert.is(await page.getByRole('heading', { level: 1 }).innerText(), 'An unexpected error has occurred');
    assert.ok(await page.getByText('The administrator has been notified.').isVisible());
    await assertSiteLayout(page);
    const text = await page.locator('main').innerText();
    assert.not.match(text, /SQLITE|sqlite|knex|update `?users/i, 'no internals on the page');
    assert.match(await page.locator('.reference').innerText(), /^Quote this reference if you contact us: [0-9A-Z]{6,}$/);
    reference = await page.locator('.reference code').innerText();
  } finally {
    await lock.release();
  }

  const mails = await smtp.waitForMessages(mailsBefore + 1, 15_000);
  const mail = mails[mailsBefore];
  assert.ok(mail);
  assert.match(mail.subject, /^Microblog Failure: /);
  assert.equal(mail.envelopeTo, [ADMIN_EMAIL]);
  assert.match(mail.text, reference);
  assert.match(mail.text, '/edit_profile');
  assert.ok(await logFileMentions(app.logFile, `errorId=${reference}`), 'the reference is on the log line');

  await page.getByRole('link', { name: 'Back to the home page' }).click();
  await page.waitForURL(/\/index$/);
  assert.is(await page.getByRole('heading', { level: 1 }).innerText(), 'Hi, lena!');
  await page.goto(`${app.baseUrl}/user/lena`);
  assert.is(await page.locator('.about-me').count(), 0, 'the failed edit left nothing behind');
});

/** The file appender writes asynchronously: give it a bounded moment. */
async function logFileMentions(path: string, needle: string): Promise<boolean> {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      if (readFileSync(path, 'utf8').includes(needle)) return true;
    } catch {
      // not written yet
    }
    await new Promise((settle) => setTimeout(settle, 100));
  }
  return false;
}

e2e.run();
