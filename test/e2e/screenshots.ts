// `npm run screenshots`: pictures of the main pages for the README, taken in Debian's Chromium from
// the real app (one production process, and one development process for the debug page).
// Not a test (the name does not end in .test.ts): it asserts nothing and writes docs/screenshots/.
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { PROJECT_ROOT, startAppProcess, type AppProcess } from '../support/app-process.js';
import { launchChromium, newLoopbackContext } from '../support/chromium.js';
import { hideTable } from '../support/database-lock.js';
import { logIn, register } from '../support/e2e-actions.js';

const OUT_DIR = join(PROJECT_ROOT, 'docs', 'screenshots');
const DESKTOP: BrowserContextOptions = { viewport: { width: 1024, height: 720 }, deviceScaleFactor: 2 };
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

async function shoot(page: Page, name: string): Promise<void> {
  const path = join(OUT_DIR, `${name}.png`);
  await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
  console.log(`wrote ${relative(PROJECT_ROOT, path)}`);
}

async function newPage(browser: Browser, options: BrowserContextOptions = DESKTOP): Promise<Page> {
  const context = await newLoopbackContext(browser, options);
  return context.newPage();
}

/** Posts from the composer on the index page. */
async function publish(page: Page, baseUrl: string, text: string): Promise<void> {
  await page.goto(`${baseUrl}/index`);
  await page.getByLabel('Say something').fill(text);
  await page.getByRole('button', { name: 'Submit' }).click();
  await page.waitForLoadState();
}

async function avatarLoaded(page: Page): Promise<void> {
  await page.waitForFunction(() => (globalThis as unknown as { document: { images: ArrayLike<{ complete: boolean }> } }).document.images[0]?.complete === true);
}

/** Submits the form on `page` while the users table is gone, so the app meets an unexpected failure. */
async function submitWithoutUsers(app: AppProcess, page: Page, button: string): Promise<void> {
  const lock = await hideTable(app.databasePath, 'users');
  try {
    await page.getByRole('button', { name: button }).click();
    await page.waitForLoadState();
    await page.getByText(/unexpected error|Error/).first().waitFor({ timeout: 20_000 });
  } finally {
    await lock.release();
  }
}

async function productionPages(browser: Browser): Promise<void> {
  const app = await startAppProcess({ mode: 'production' });
  try {
    const page = await newPage(browser);
    await register(page, app.baseUrl, 'john');
    await register(page, app.baseUrl, 'susan');
    await page.getByLabel('Username').fill('susan');
    await shoot(page, 'login');

    const john = await newPage(browser);
    await logIn(john, app.baseUrl, 'john');
    await publish(john, app.baseUrl, 'Reading about hexagonal architecture: the domain in the middle, every technology an adapter at the edge.');
    await publish(john, app.baseUrl, 'Just finished a 10 km run along the river. Legs: jelly. Mood: excellent.');

    await logIn(page, app.baseUrl, 'susan', { rememberMe: true });
    await page.goto(`${app.baseUrl}/edit_profile`);
    await page.getByLabel('About me').fill('Coffee, climbing and TypeScript. Short thoughts about long projects.');
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.waitForURL(/\/edit_profile$/);
    await page.goto(`${app.baseUrl}/user/john`);
    await page.getByRole('button', { name: 'Follow' }).click();
    await page.waitForLoadState();
    await publish(page, app.baseUrl, 'Trying out Microblog today. Hello, everyone!');
    await page.goto(`${app.baseUrl}/index`);
    await shoot(page, 'index');

    await page.goto(`${app.baseUrl}/user/susan`);
    await avatarLoaded(page);
    await shoot(page, 'profile');

    const onPhone = await newPage(browser, { ...PHONE, storageState: await page.context().storageState() });
    await onPhone.goto(`${app.baseUrl}/user/susan`);
    await avatarLoaded(onPhone);
    await shoot(onPhone, 'profile-phone');

    await page.goto(`${app.baseUrl}/send_message/john`);
    await page.getByLabel('Message').fill('Loved your post about the run. Same route on Saturday?');
    await shoot(page, 'send-message');
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.waitForURL(/\/user\/john$/);
    await john.goto(`${app.baseUrl}/messages`);
    await avatarLoaded(john);
    await shoot(john, 'messages');

    await page.goto(`${app.baseUrl}/edit_profile`);
    await page.getByLabel('Username').fill('john');
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.waitForLoadState();
    await shoot(page, 'edit-profile-error');

    await page.goto(`${app.baseUrl}/user/nobody`);
    await shoot(page, '404');

    await page.goto(`${app.baseUrl}/edit_profile`);
    await page.getByLabel('About me').fill('Saved while the database is locked');
    await submitWithoutUsers(app, page, 'Submit');
    await shoot(page, '500');
  } finally {
    await app.stop();
  }
}

/** Two pages as a browser set to Spanish sees them (its Accept-Language), beside the English ones. */
async function spanishPages(browser: Browser): Promise<void> {
  const app = await startAppProcess({ mode: 'production' });
  try {
    const page = await newPage(browser, { ...DESKTOP, locale: 'es-ES' });
    await page.goto(`${app.baseUrl}/login`);
    await page.locator('main form button[type="submit"]').click();
    await page.waitForLoadState();
    await shoot(page, 'login-error-es');
    await page.goto(`${app.baseUrl}/no-such-page`);
    await shoot(page, '404-es');
  } finally {
    await app.stop();
  }
}

async function debugPage(browser: Browser): Promise<void> {
  const app = await startAppProcess({ mode: 'development' });
  try {
    const page = await newPage(browser);
    await register(page, app.baseUrl, 'susan');
    await logIn(page, app.baseUrl, 'susan');
    await page.goto(`${app.baseUrl}/edit_profile`);
    await page.getByLabel('About me').fill('Saved while the database is locked');
    await submitWithoutUsers(app, page, 'Submit');
    await shoot(page, 'debug');
  } finally {
    await app.stop();
  }
}

mkdirSync(OUT_DIR, { recursive: true });
const browser = await launchChromium();
try {
  await productionPages(browser);
  await spanishPages(browser);
  await debugPage(browser);
} finally {
  await browser.close();
}
