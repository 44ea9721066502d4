import type { Page } from 'playwright-core';
import * as assert from 'uvu/assert';
import { flashes, PASSWORD, register, signedUp } from '../support/e2e-actions.js';
import { e2eSuite } from '../support/e2e-suite.js';
import type { InPage } from '../support/in-page.js';

const e2e = e2eSuite('e2e: keyboard-only use and a phone-sized screen in Chromium');

const focused = (page: Page) => page.evaluate(() => {
  const element = (globalThis as unknown as InPage).document.activeElement;
  return element ? `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}:${element.textContent?.trim() ?? ''}` : 'none';
});

e2e.test('when someone logs in with the keyboard alone, then Tab walks the form in order and Enter signs her in', async ({ app, newPage }) => {
  const page = await newPage();
  await register(page, app.baseUrl, 'mona');
  await page.goto(`${app.baseUrl}/login`);
  // Chromium runs autofocus at its next rendering step, which may come just after the load event.
  await page.waitForFunction(() => (globalThis as unknown as InPage).document.activeElement?.id === 'username', null, { timeout: 5_000 }).catch(() => undefined);
  assert.is(await focused(page), 'input#username:', 'the username field has the focus on arrival');

  await page.keyboard.type('mona');
  await page.keyboard.press('Tab');
  assert.is(await focused(page), 'input#password:');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Tab');
  assert.is(await focused(page), 'input#remember_me:');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  assert.is(await focused(page), 'button:Sign In');
  await page.keyboard.press('Enter');

  await page.waitForURL(/\/index$/);
  assert.is(await page.getByRole('heading', { level: 1 }).innerText(), 'Hi, mona!');
  const session = (await page.context().cookies(app.baseUrl)).find((cookie) => cookie.name === 'microblog_session');
  assert.ok(session && session.expires !== -1, 'Space ticked Remember Me');
});

e2e.test('when someone edits her profile with the keyboard alone, then the skip link leads to the form and Enter saves it', async ({ app, newPage }) => {
  const page = await newPage();
  await signedUp(page, app.baseUrl, 'nora');
  await page.goto(`${app.baseUrl}/edit_profile`);

  await page.keyboard.press('Tab');
  assert.is(await focused(page), 'a:Skip to content', 'the first Tab reaches the skip link');
  assert.ok(await page.getByRole('link', { name: 'Skip to content' }).isVisible(), 'and shows it');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  assert.is(await focused(page), 'input#username:', 'past the nav, straight into the form');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Nora_K');
  await page.keyboard.press('Tab');
  assert.is(await focused(page), 'textarea#about_me:');
  await page.keyboard.type('Typed without a mouse.');
  await page.keyboard.press('Tab');
  assert.is(await focused(page), 'button:Submit');
  await page.keyboard.press('Enter');

  await page.waitForURL(/\/edit_profile$/);
  assert.equal(await flashes(page), ['Your changes have been saved.']);
  assert.is(await page.getByLabel('Username').inputValue(), 'Nora_K');
  assert.is(await page.getByLabel('About me').inputValue(), 'Typed without a mouse.');
});

/** Elements that stick out of the viewport to the right, or a page wider than the screen. */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as InPage;
    const width = document.documentElement.clientWidth;
    const problems: string[] = [];
    if (document.documentElement.scrollWidth > width) problems.push(`page is ${document.documentElement.scrollWidth}px wide, screen ${width}px`);
    for (const element of Array.from(document.body.querySelectorAll('*'))) {
      const box = element.getBoundingClientRect();
      if (box.width > 0 && box.right > width + 0.5) problems.push(`${element.tagName.toLowerCase()}.${element.className} ends at ${Math.round(box.right)}px`);
    }
    return problems;
  });
}

async function assertFitsPhone(page: Page, baseUrl: string, path: string, expectLogout: boolean): Promise<void> {
  const response = await page.goto(`${baseUrl}${path}`);
  assert.ok(response, path);
  assert.equal(await overflow(page), [], `${path}: no horizontal scrolling`);
  const nav = page.getByRole('navigation', { name: 'Main' });
  const viewport = page.viewportSize();
  assert.ok(viewport);
  for (const item of [nav.getByRole('link', { name: 'Microblog' }), nav.getByRole('link', { name: 'Home' }),
    expectLogout ? nav.getByRole('button', { name: 'Logout' }) : nav.getByRole('link', { name: 'Login' })]) {
    const box = await item.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height, `${path}: nav item on screen`);
  }
  const heading = await page.getByRole('heading', { level: 1 }).boundingBox();
  assert.ok(heading && heading.y < viewport.height, `${path}: the heading is on the first screen`);
}

e2e.test('when the pages are opened on a phone-sized screen, then nothing scrolls sideways and the nav stays on screen', async ({ app, newPage }) => {
  const page = await newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
  for (const path of ['/login', '/register', '/no/such/page']) await assertFitsPhone(page, app.baseUrl, path, false);

  const longName = `a_rather_long_username_that_fills_the_whole_line_${'x'.repeat(14)}`;
  await signedUp(page, app.baseUrl, longName);
  await page.goto(`${app.baseUrl}/edit_profile`);
  await page.getByLabel('About me').fill(`A long word: ${'w'.repeat(120)}`);
  await page.getByRole('button', { name: 'Submit' }).click();
  await page.waitForURL(/\/edit_profile$/);
  for (const path of ['/index', `/user/${longName}`, '/edit_profile', '/user/nobody', '/logout']) await assertFitsPhone(page, app.baseUrl, path, true);
});

e2e.run();
