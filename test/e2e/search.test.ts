import * as assert from 'uvu/assert';
import { signedUp } from '../support/e2e-actions.js';
import { e2eSuite } from '../support/e2e-suite.js';

const e2e = e2eSuite('e2e: searching from the nav in Chromium');

e2e.test('when she types in the nav\'s search box and presses Enter, then the matching posts are listed and her words stay in the box', async ({ app, newPage }) => {
  const page = await newPage();
  await signedUp(page, app.baseUrl, 'susan');
  for (const text of ['El ñandú corre rápido', 'Otters hold hands while they sleep']) {
    await page.getByLabel('Say something').fill(text);
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.waitForURL(/\/index$/);
  }

  const box = page.getByRole('search').getByRole('searchbox', { name: 'Search posts' });
  assert.is(await box.getAttribute('placeholder'), 'Search');
  await box.fill('nandu "corre rapido"');
  await box.press('Enter');
  await page.waitForURL(/\/search\?q=/);
  assert.is(await page.getByRole('heading', { level: 1 }).innerText(), 'Search');
  assert.equal(await page.locator('.post-text').allInnerTexts(), ['El ñandú corre rápido']);
  assert.is(await page.getByRole('searchbox', { name: 'Search posts' }).inputValue(), 'nandu "corre rapido"');

  await page.getByRole('searchbox', { name: 'Search posts' }).fill('"><b>AND NOT');
  await page.getByRole('searchbox', { name: 'Search posts' }).press('Enter');
  await page.waitForURL(/\/search\?q=/);
  assert.ok(await page.getByText('No posts found').isVisible());
  assert.is(await page.getByRole('searchbox', { name: 'Search posts' }).inputValue(), '"><b>AND NOT');

  await page.getByRole('searchbox', { name: 'Search posts' }).fill('   ');
  await page.getByRole('searchbox', { name: 'Search posts' }).press('Enter');
  await page.waitForURL(/\/explore$/);
});

e2e.run();
