import * as assert from 'uvu/assert';
import { flashes, signedUp } from '../support/e2e-actions.js';
import { e2eSuite } from '../support/e2e-suite.js';

const e2e = e2eSuite('e2e: private messages in Chromium');

e2e.test('when Susan sends John a private message from his profile, then John\'s nav shows 1 unread until he opens his messages', async ({ app, newPage }) => {
  const john = await newPage();
  await signedUp(john, app.baseUrl, 'john');
  const susan = await newPage();
  await signedUp(susan, app.baseUrl, 'susan');

  await susan.goto(`${app.baseUrl}/user/john`);
  await susan.getByRole('link', { name: 'Send private message' }).click();
  await susan.waitForURL(/\/send_message\/john$/);
  assert.is(await susan.getByRole('heading', { level: 1 }).innerText(), 'Send Message to john');
  await susan.getByLabel('Message').fill('Lunch tomorrow?');
  await susan.getByRole('button', { name: 'Submit' }).click();
  await susan.waitForURL(/\/user\/john$/);
  assert.equal(await flashes(susan), ['Your message has been sent.']);

  await john.reload();
  const messages = john.getByRole('navigation').getByRole('link', { name: 'Messages, 1 unread' });
  assert.is(await messages.locator('.badge').innerText(), '1');
  await messages.click();
  await john.waitForURL(/\/messages$/);
  assert.ok(await john.getByText('Lunch tomorrow?').isVisible());
  assert.ok(await john.locator('.post-author', { hasText: 'susan' }).isVisible());
  assert.is(await john.locator('#message_count').count(), 0, 'read once opened');
});

e2e.run();
