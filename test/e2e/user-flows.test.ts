import { createHash } from 'node:crypto';
import * as assert from 'uvu/assert';
import { flashes, logIn, register, signedUp } from '../support/e2e-actions.js';
import { e2eSuite } from '../support/e2e-suite.js';

const e2e = e2eSuite('e2e: user flows in Chromium');

e2e.test('when two people register and one logs in, then the index greets her and her profile shows her avatar and when she was last seen', async ({ app, newPage }) => {
  const page = await newPage();
  await register(page, app.baseUrl, 'Susan');
  assert.equal(await flashes(page), ['Congratulations, you are now a registered user!']);
  await register(page, app.baseUrl, 'john');

  await logIn(page, app.baseUrl, 'susan');
  assert.is(await page.getByRole('heading', { level: 1 }).innerText(), 'Hi, Susan!');
  assert.ok(await page.getByText('Nothing here yet').isVisible(), 'the empty state of the posts');

  await page.getByRole('navigation').getByRole('link', { name: 'Profile' }).click();
  await page.waitForURL(/\/user\/Susan$/);
  assert.is(await page.getByRole('heading', { level: 1 }).innerText(), 'User: Susan');
  const avatar = page.getByRole('img', { name: 'Avatar of Susan' });
  assert.ok(await avatar.isVisible());
  const md5 = createHash('md5').update('susan@example.com').digest('hex');
  assert.is(await avatar.getAttribute('src'), `https://www.gravatar.com/avatar/${md5}?d=identicon&s=128`);
  assert.is((await avatar.boundingBox())?.width, 128);
  assert.match(await page.locator('.last-seen').innerText(), /^Last seen on: \d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC$/);
  const seen = Date.parse((await page.locator('.last-seen time').getAttribute('datetime')) ?? '');
  assert.ok(Math.abs(Date.now() - seen) < 5 * 60_000, 'last seen is about now');
  assert.ok(await page.getByRole('link', { name: 'Edit your profile' }).isVisible());

  await page.goto(`${app.baseUrl}/user/john`);
  assert.is(await page.getByRole('heading', { level: 1 }).innerText(), 'User: john');
  assert.is(await page.getByRole('link', { name: 'Edit your profile' }).count(), 0, 'only on your own profile');
});

e2e.test('when she edits her profile, then the change is saved, prefilled in the form and shown on her profile', async ({ app, newPage }) => {
  const page = await newPage();
  await signedUp(page, app.baseUrl, 'amelia');
  await page.goto(`${app.baseUrl}/user/amelia`);
  await page.getByRole('link', { name: 'Edit your profile' }).click();
  await page.waitForURL(/\/edit_profile$/);
  assert.is(await page.getByLabel('Username').inputValue(), 'amelia');

  await page.getByLabel('Username').fill('Amelia_P');
  await page.getByLabel('About me').fill('Flies planes. <b>Not</b> bold.');
  await page.getByRole('button', { name: 'Submit' }).click();
  await page.waitForURL(/\/edit_profile$/);
  assert.equal(await flashes(page), ['Your changes have been saved.']);
  assert.is(await page.getByLabel('Username').inputValue(), 'Amelia_P');
  assert.is(await page.getByLabel('About me').inputValue(), 'Flies planes. <b>Not</b> bold.');

  await page.getByRole('navigation').getByRole('link', { name: 'Profile' }).click();
  await page.waitForURL(/\/user\/Amelia_P$/);
  assert.is(await page.locator('.about-me').innerText(), 'Flies planes. <b>Not</b> bold.', 'user text is shown as text');
});

e2e.test("when she tries to take another user's name, then the field says so and nothing is saved", async ({ app, newPage }) => {
  const page = await newPage();
  await register(page, app.baseUrl, 'taken');
  await signedUp(page, app.baseUrl, 'bella');
  await page.goto(`${app.baseUrl}/edit_profile`);
  await page.getByLabel('Username').fill('TAKEN');
  await page.getByLabel('About me').fill('should not be saved');
  await page.getByRole('button', { name: 'Submit' }).click();
  await page.waitForLoadState();

  const username = page.getByLabel('Username');
  assert.is(await username.getAttribute('aria-invalid'), 'true');
  assert.is(await page.locator('#username-error').innerText(), 'Please use a different username.');
  assert.is(await username.getAttribute('aria-describedby'), 'username-error', 'the message is tied to its field');
  assert.is(await username.inputValue(), 'TAKEN', 'what she typed is kept');

  await page.goto(`${app.baseUrl}/user/bella`);
  assert.is(await page.getByRole('heading', { level: 1 }).innerText(), 'User: bella');
  assert.is(await page.locator('.about-me').count(), 0);
  await page.goto(`${app.baseUrl}/user/taken`);
  assert.is(await page.getByRole('heading', { level: 1 }).innerText(), 'User: taken');
});

e2e.test('when she clicks Logout in the nav, then the session ends and her pages ask her to log in again', async ({ app, newPage }) => {
  const page = await newPage();
  await signedUp(page, app.baseUrl, 'carla');
  const nav = page.getByRole('navigation');
  await nav.getByRole('button', { name: 'Logout' }).click();
  await page.waitForURL(/\/login\?next=%2Findex$/);
  assert.equal(await flashes(page), ['Please log in to access this page.']);
  assert.ok(await nav.getByRole('link', { name: 'Login' }).isVisible());
  assert.is(await nav.getByRole('button', { name: 'Logout' }).count(), 0);

  await page.goBack();
  await page.reload();
  assert.match(page.url(), /\/login\?next=/, 'going back does not bring the session back');
});

e2e.run();
