import createHttpError from 'http-errors';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { emailAlertAppender, type EmailAlerts } from '../../adapters/logging/alerts/email-alert-appender.js';
import { createScrubber } from '../../adapters/logging/scrub.js';
import { NodemailerMailer } from '../../adapters/mail/nodemailer-mailer.js';
import type { Browser } from '../support/browser.js';
import { DatabaseLost, FaultyUserRepository } from '../support/faulty-user-repository.js';
import { startSilentServer, startSmtpTestServer } from '../support/smtp-test-server.js';
import { TEST_SECRET_KEY, withApp, type TestApp } from '../support/test-app.js';

const ADMIN = 'admin@example.com';

function alertsThrough(port: number): EmailAlerts {
  const mailer = new NodemailerMailer({ host: '127.0.0.1', port, useTls: false, from: 'no-reply@example.com', timeouts: { connectionMs: 500, greetingMs: 500, socketMs: 500 } });
  return emailAlertAppender({ mailer, to: [ADMIN], scrub: createScrubber([TEST_SECRET_KEY]), retryBackoffMs: 50, maxAttempts: 2 });
}

/** Runs `work` on an app whose profile page fails (the user lookup throws), Susan logged in on `browser`. */
function withAppFailingOnProfile(alerts: EmailAlerts, work: (world: { app: TestApp; browser: Browser }) => Promise<void>): Promise<void> {
  let users: FaultyUserRepository | undefined;
  return withApp({ appenders: { alerts }, userRepository: (real) => (users = new FaultyUserRepository(real)) }, async (app) => {
    const browser = app.browser();
    await browser.register('susan');
    await browser.logIn('susan');
    if (users) users.failing = 'findByUsername';
    await work({ app, browser });
  });
}

const referenceOn = (html: string) => /<code>([0-9A-Z]+)<\/code>/.exec(html)?.[1] ?? 'missing';

test('when a request fails, then the admins get one email with the reference shown to the user and no secret', async () => {
  const smtp = await startSmtpTestServer();
  try {
    await withAppFailingOnProfile(alertsThrough(smtp.port), async ({ browser }) => {
      const page = await browser.get('/user/susan');
      assert.is(page.status, 500);
      const [mail] = await smtp.waitForMessages(1);
      assert.ok(mail);
      assert.match(mail.subject, /^Microblog Failure/);
      assert.equal(mail.envelopeTo, [ADMIN]);
      assert.match(mail.text, referenceOn(page.text));
      assert.match(mail.text, '/user/susan');
      for (const secret of [TEST_SECRET_KEY, 'scrypt$', 'password_hash', 'update `users`', browser.cookies.values().next().value ?? 'no cookie']) {
        assert.not.match(mail.raw, secret);
      }
    });
  } finally {
    await smtp.close();
  }
});

test('when the same failure repeats, then the admins are not mailed once per request', async () => {
  const smtp = await startSmtpTestServer();
  try {
    await withAppFailingOnProfile(alertsThrough(smtp.port), async ({ browser }) => {
      for (let i = 0; i < 30; i++) assert.is((await browser.get('/user/susan')).status, 500);
      await smtp.waitForMessages(1);
      await new Promise((settle) => setTimeout(settle, 200));
      assert.is(smtp.received().length, 1, 'one email; the repeats wait for the digest');
    });
  } finally {
    await smtp.close();
  }
});

test('when a scanner sends unknown methods to many paths, then no email; the one real failure after them is the only one', async () => {
  const smtp = await startSmtpTestServer();
  let users: FaultyUserRepository | undefined;
  try {
    await withApp({ appenders: { alerts: alertsThrough(smtp.port) }, userRepository: (real) => (users = new FaultyUserRepository(real)) }, async (app) => {
      const browser = app.browser();
      await browser.register('susan');
      await browser.logIn('susan');
      for (const path of ['/p1', '/p2', '/p3', '/wp-admin']) assert.is((await browser.send(path, { method: 'PROPFIND' })).status, 404);
      assert.is((await browser.send('/user/susan', { method: 'PROPFIND' })).status, 405);
      if (users) {
        users.failing = 'findByUsername';
        users.failure = () => createHttpError(503, { headers: { 'Retry-After': '60' } });
      }
      assert.is((await browser.get('/user/susan')).status, 503);
      if (users) users.failure = () => new DatabaseLost();
      assert.is((await browser.get('/user/susan')).status, 500);
      const [mail] = await smtp.waitForMessages(1);
      await new Promise((settle) => setTimeout(settle, 200));
      assert.is(smtp.received().length, 1);
      assert.match(mail?.subject ?? '', 'DatabaseLost');
    });
  } finally {
    await smtp.close();
  }
});

test('when the mail server never answers, then the 500 is sent while the alert is still waiting, and the failure is logged once', async () => {
  const silent = await startSilentServer();
  const alerts = alertsThrough(silent.port);
  try {
    await withAppFailingOnProfile(alerts, async ({ app, browser }) => {
      const first = await browser.get('/user/susan');
      const second = await browser.get('/index/../user/susan');
      assert.is(first.status, 500);
      assert.is(second.status, 500);
      assert.ok(alerts.pendingEmails() > 0, 'the responses did not wait for the mail server');
      for (let waited = 0; alerts.pendingEmails() > 0 && waited < 5000; waited += 50) await new Promise((settle) => setTimeout(settle, 50));
      const failures = app.logs.lines().filter((line) => /alert|mail/i.test(line) && / (WARN|ERROR): /.test(line) && !line.includes('errorId='));
      assert.is(failures.length, 1, failures.join('\n'));
      assert.is((await app.browser().get('/login')).status, 200, 'the app keeps serving');
    });
  } finally {
    await silent.close();
  }
});

test.run();
