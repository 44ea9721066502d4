import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { emailAlertAppender } from '../../adapters/logging/alerts/email-alert-appender.js';
import { createScrubber } from '../../adapters/logging/scrub.js';
import { NodemailerMailer } from '../../adapters/mail/nodemailer-mailer.js';
import { eventually } from '../support/eventually.js';
import { unusedPort, withSmtpTestServer } from '../support/smtp-test-server.js';
import { TEST_SECRET_KEY, withApp, type TestApp, type TestAppOptions } from '../support/test-app.js';

// The promise behind "Check your email": what a mail server says after the answer changes when
// the email arrives, never whether it does (unless the mailbox does not exist).

const BASE_URL = 'https://microblog.example/';
const test = suite('password reset mail that a mail server delays');

/** Runs `work` on an app mailing reset links through the server on `port`, with Susan registered. */
function withAppMailingTo(port: number, baseDelayMs: number, work: (app: TestApp) => Promise<void>, options: TestAppOptions = {}): Promise<void> {
  const mailer = new NodemailerMailer({ host: '127.0.0.1', port, useTls: false, from: 'no-reply@microblog.example', timeouts: { connectionMs: 1_000, greetingMs: 1_000, socketMs: 1_000 } });
  return withApp({
    passwordReset: { mailer, baseUrl: BASE_URL, linkLifetimeMs: 10 * 60_000 },
    jobQueue: { retryPolicy: { maxAttempts: 8, baseDelayMs } },
    ...options,
  }, async (app) => {
    await app.browser().register('susan', 'susan@example.com');
    await work(app);
  });
}

async function askForReset(app: TestApp): Promise<void> {
  const browser = app.browser();
  await browser.get('/reset_password_request');
  const answer = await browser.post('/reset_password_request', { email: 'susan@example.com' });
  assert.is(answer.location, '/login', 'the answer is the usual one');
}

test('when the mail server answers 451 twice and then accepts, then the reset email arrives, once, with a link that works', async () => {
  await withSmtpTestServer({ recipientReply: (n) => (n <= 2 ? 451 : null) }, async (smtp) => {
    await withAppMailingTo(smtp.port, 5, async (app) => {
      await askForReset(app);
      // pg-boss spaces retries by whole seconds: up to 2 s and then 4 s before the third attempt.
      const [mail] = await smtp.waitForMessages(1, 20_000);
      await app.backgroundSettled();
      assert.is(smtp.received().length, 1);
      const path = new URL(/https:\/\/\S+/.exec(mail?.text ?? '')?.[0] ?? '').pathname;
      assert.is((await app.browser().get(path)).status, 200, 'the link sent on the third attempt opens the form');
      const warnings = app.logs.lines().filter((line) => line.includes(' WARN: ') && line.includes('will be tried again'));
      assert.is(warnings.length, 2);
      assert.match(warnings[0] ?? '', '451');
      assert.is(app.logs.lines().filter((line) => line.includes(' ERROR: ')).length, 0, 'a delay is no failure');
    });
  });
});

test('when the mail server answers 550 for the address, then the job fails at once, without a retry, with one error', async () => {
  await withSmtpTestServer({ recipientReply: () => 550 }, async (smtp) => {
    await withAppMailingTo(smtp.port, 5, async (app) => {
      await askForReset(app);
      await app.backgroundSettled();
      const [failed, ...others] = await app.inUnitOfWork(() => app.database.jobs.list('failed', 10));
      assert.equal(others, []);
      assert.is(failed?.attempts, 1, 'no retry storm');
      assert.match(failed?.lastError ?? '', '550');
      assert.is(app.logs.lines().filter((line) => line.includes(' WARN: ') && line.includes('will be tried again')).length, 0);
      assert.is(app.logs.lines().filter((line) => line.includes(' ERROR: ') && line.includes('failed for good after 1 attempts')).length, 1);
    });
  });
});

test('when the mail server is down for a while and comes back, then the reset email arrives', async () => {
  const port = await unusedPort();
  await withAppMailingTo(port, 40, async (app) => {
    await askForReset(app);
    await eventually(() => app.logs.lines().filter((line) => line.includes('will be tried again')).length >= 2, 'two refused attempts');
    await withSmtpTestServer({ port }, async (smtp) => {
      const [mail] = await smtp.waitForMessages(1, 15_000);
      assert.equal(mail?.envelopeTo, ['susan@example.com']);
    });
  });
});

test('when three reset emails (the most one address gets in an hour) fail for good alike, then the administrators get one alert, not three', async () => {
  await withSmtpTestServer({ recipientReply: () => 550 }, async (resetMail) => {
    await withSmtpTestServer({}, async (alertMail) => {
      const alertMailer = new NodemailerMailer({ host: '127.0.0.1', port: alertMail.port, useTls: false, from: 'no-reply@microblog.example' });
      const alerts = emailAlertAppender({ mailer: alertMailer, to: ['admin@example.com'], scrub: createScrubber([TEST_SECRET_KEY]) });
      await withAppMailingTo(resetMail.port, 5, async (app) => {
        for (let i = 0; i < 3; i++) await askForReset(app);
        await app.backgroundSettled();
        assert.is((await app.inUnitOfWork(() => app.database.jobs.counts())).failed, 3);
        const [alert] = await alertMail.waitForMessages(1);
        await new Promise((settle) => setTimeout(settle, 300));
        assert.is(alertMail.received().length, 1, 'the repeats wait for the digest');
        assert.match(alert?.subject ?? '', 'Microblog Failure: JobFailedForGood');
        assert.match(alert?.text ?? '', 'send-password-reset-email');
      }, { appenders: { alerts } });
    });
  });
});

test.run();
