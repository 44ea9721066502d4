import * as assert from 'uvu/assert';
import { flashes, logIn, PASSWORD, register } from '../support/e2e-actions.js';
import { e2eSuite } from '../support/e2e-suite.js';
import type { ReceivedMail, SmtpTestServer } from '../support/smtp-test-server.js';

const e2e = e2eSuite('e2e: password reset by email in Chromium');

const NEW_PASSWORD = 'a fresh passphrase for hana';

e2e.test('when she forgets her password, then from the login page an emailed link lets her set a new one and her other sessions end', async ({ app, smtp, newPage }) => {
  const laptop = await newPage();
  await register(laptop, app.baseUrl, 'hana');
  await logIn(laptop, app.baseUrl, 'hana');

  const page = await newPage();
  await page.goto(`${app.baseUrl}/login`);
  await page.getByRole('link', { name: 'Click to Reset It' }).click();
  await page.waitForURL(/\/reset_password_request$/);
  await page.getByLabel('Email').fill('hana@example.com');
  await page.getByRole('button', { name: 'Request Password Reset' }).click();
  await page.waitForURL(/\/login$/);
  assert.equal(await flashes(page), ['Check your email for the instructions to reset your password']);

  const mail = await mailTo(smtp, 'hana@example.com');
  assert.is(mail.subject, '[Microblog] Reset Your Password');
  const link = /\S+\/reset_password\/\S+/.exec(mail.text)?.[0] ?? '';
  assert.ok(link.startsWith(`${app.baseUrl}/reset_password/`), `the link leads back to the site: ${link}`);

  await page.goto(link);
  assert.is(await page.getByRole('heading', { level: 1 }).innerText(), 'Reset Your Password');
  await page.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Repeat Password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Request Password Reset' }).click();
  await page.waitForURL(/\/login$/);
  assert.equal(await flashes(page), ['Your password has been reset.']);

  await page.getByLabel('Username').fill('hana');
  await page.getByLabel('Password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Sign In' }).click();
  await page.waitForURL(/\/index$/);
  assert.is(await page.getByRole('heading', { level: 1 }).innerText(), 'Hi, hana!');

  await laptop.reload();
  assert.match(laptop.url(), /\/login\?next=/, 'the session opened before the reset has ended');

  await page.goto(link);
  assert.is(page.url(), `${app.baseUrl}/index`, 'a logged-in visitor is sent to the index');
});

e2e.test('when a used link is opened again, then the login page says it is invalid and the old password no longer works', async ({ app, smtp, newPage }) => {
  const page = await newPage();
  await register(page, app.baseUrl, 'ines');
  await page.goto(`${app.baseUrl}/reset_password_request`);
  await page.getByLabel('Email').fill('ines@example.com');
  await page.getByRole('button', { name: 'Request Password Reset' }).click();
  await page.waitForURL(/\/login$/);
  const link = /\S+\/reset_password\/\S+/.exec((await mailTo(smtp, 'ines@example.com')).text)?.[0] ?? '';

  await page.goto(link);
  await page.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Repeat Password').fill('not the same');
  await page.getByRole('button', { name: 'Request Password Reset' }).click();
  await page.waitForLoadState();
  assert.is(await page.locator('#password2-error').innerText(), 'Field must be equal to password.');
  await page.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Repeat Password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Request Password Reset' }).click();
  await page.waitForURL(/\/login$/);

  await page.goto(link);
  await page.waitForURL(/\/login$/);
  assert.equal(await flashes(page), ['This password reset link is invalid or has expired. You can ask for a new one below.']);
  await page.getByLabel('Username').fill('ines');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign In' }).click();
  await page.waitForLoadState();
  assert.equal(await flashes(page), ['Invalid username or password']);
});

e2e.run();

/** The first email to `address`: the server is shared with the admins' alerts and the other tests. */
async function mailTo(smtp: SmtpTestServer, address: string): Promise<ReceivedMail> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const mail = smtp.received().find((received) => received.envelopeTo.includes(address));
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error(`no email to ${address} within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
