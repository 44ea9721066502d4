import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { emailAlertAppender } from '../../adapters/logging/alerts/email-alert-appender.js';
import { rotatingFileAppender } from '../../adapters/logging/rotating-file-appender.js';
import { createScrubber } from '../../adapters/logging/scrub.js';
import { stdoutAppender } from '../../adapters/logging/stdout-appender.js';
import { sentryErrorTracker } from '../../adapters/logging/tracker/sentry-error-tracker.js';
import { NodemailerMailer } from '../../adapters/mail/nodemailer-mailer.js';
import { FaultyUserRepository } from '../support/faulty-user-repository.js';
import { startSentryTestServer } from '../support/sentry-test-server.js';
import { startSmtpTestServer, type SmtpTestServer } from '../support/smtp-test-server.js';
import { TEST_SECRET_KEY, withApp, type TestApp } from '../support/test-app.js';

const BASE_URL = 'https://microblog.example/';
const NEW_PASSWORD = 'a brand new passphrase';
// Past the 16 KB body limit.
const TOO_BIG = 'x'.repeat(20_000);

const mailerTo = (smtp: SmtpTestServer) =>
  new NodemailerMailer({ host: '127.0.0.1', port: smtp.port, useTls: false, from: 'no-reply@microblog.example', timeouts: { connectionMs: 1_000, greetingMs: 1_000, socketMs: 1_000 } });

type Attempt = Readonly<{ status: number; method: string; path: string; headers?: Record<string, string>; body?: string }>;

test('when a live reset token is in the path of every answer its routes can give, then no log line, stdout line, alert email or tracker envelope holds it, and it still works', async () => {
  const resetMail = await startSmtpTestServer();
  const alertMail = await startSmtpTestServer();
  const tracker = await startSentryTestServer();
  const directory = await mkdtemp(path.join(tmpdir(), 'microblog-logs-'));
  const scrub = createScrubber([TEST_SECRET_KEY]);
  const stdout = new PassThrough();
  let printed = '';
  stdout.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  let users: FaultyUserRepository | undefined;
  let token = '';
  let closed: TestApp;
  try {
    // Every channel is read once the app has closed, when each has written all it will.
    closed = await withApp({
      passwordReset: { mailer: mailerTo(resetMail), baseUrl: BASE_URL, linkLifetimeMs: 10 * 60_000 },
      appenders: {
        file: rotatingFileAppender({ directory, scrub, maxLogSize: 10_000_000 }),
        stdout: stdoutAppender({ scrub, stream: stdout }),
        alerts: emailAlertAppender({ mailer: mailerTo(alertMail), to: ['admin@example.com'], scrub }),
      },
      // Traces too: their spans name the request's URL.
      reporters: [sentryErrorTracker({ dsn: tracker.dsn, environment: 'test', release: 'microblog@test', tracesSampleRate: 1, scrub })],
      userRepository: (real) => (users = new FaultyUserRepository(real)),
    }, async (app) => {
      const browser = app.browser();
      await browser.register('susan', 'susan@example.com');
      const asked = await fetch(new URL('/api/password-resets', app.baseUrl), {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'susan@example.com' }),
      });
      assert.is(asked.status, 202);
      token = /\/reset_password\/(\S+)/.exec((await resetMail.waitForMessages(1))[0]?.text ?? '')?.[1] ?? '';
      assert.ok(token.length > 20, 'a reset link was mailed');

      const api = `/api/password-resets/${token}`;
      const json = { 'Content-Type': 'application/json', Accept: 'application/json' };
      const apiAttempts: Attempt[] = [
        { status: 400, method: 'POST', path: api, headers: json, body: '{"password":' },
        { status: 404, method: 'POST', path: `${api}/more`, headers: json, body: '{}' },
        { status: 405, method: 'GET', path: api, headers: json },
        { status: 413, method: 'POST', path: api, headers: json, body: JSON.stringify({ password: TOO_BIG }) },
        { status: 415, method: 'POST', path: api, headers: { 'Content-Type': 'text/plain' }, body: NEW_PASSWORD },
        { status: 422, method: 'POST', path: api, headers: json, body: JSON.stringify({ password: 'short' }) },
      ];
      for (const attempt of apiAttempts) {
        const answer = await fetch(new URL(attempt.path, app.baseUrl), { method: attempt.method, headers: attempt.headers ?? {}, body: attempt.body ?? null });
        assert.is(answer.status, attempt.status, `${attempt.method} ${attempt.path.replace(token, '<token>')}`);
      }

      const page = `/reset_password/${token}`;
      assert.is((await browser.get(page)).status, 200);
      const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
      const withCsrf = (fields: string) => `${fields}&csrf_token=${encodeURIComponent(browser.lastToken ?? '')}`;
      const pageAttempts: Attempt[] = [
        { status: 400, method: 'POST', path: page, headers: form, body: withCsrf('password=%zz') },
        { status: 403, method: 'POST', path: page, headers: form, body: 'password=x&password2=x&csrf_token=forged' },
        { status: 404, method: 'GET', path: `${page}/more` },
        { status: 405, method: 'DELETE', path: page },
        { status: 413, method: 'POST', path: page, headers: form, body: withCsrf(`password=${TOO_BIG}`) },
        { status: 415, method: 'POST', path: page, headers: { 'Content-Type': 'text/plain', 'X-CSRF-Token': browser.lastToken ?? '' }, body: NEW_PASSWORD },
        { status: 422, method: 'POST', path: page, headers: form, body: withCsrf('password=short&password2=short') },
      ];
      for (const attempt of pageAttempts) {
        const answer = await browser.send(attempt.path, { method: attempt.method, headers: attempt.headers ?? {}, ...(attempt.body ? { body: attempt.body } : {}) });
        assert.is(answer.status, attempt.status, `${attempt.method} ${attempt.path.replace(token, '<token>')}`);
      }

      if (users) users.failing = 'updatePasswordHash';
      const failedApi = await fetch(new URL(api, app.baseUrl), { method: 'POST', headers: json, body: JSON.stringify({ password: NEW_PASSWORD }) });
      assert.is(failedApi.status, 500);
      assert.is((await browser.post(page, { password: NEW_PASSWORD, password2: NEW_PASSWORD })).status, 500);
      await tracker.waitForEvents(2);
      await alertMail.waitForMessages(2);
      if (users) users.failing = null;

      // A name is no token: it stays readable.
      await browser.logIn('susan');
      assert.is((await browser.get('/user/christopher_columbus_explorer')).status, 404);

      for (const attempt of [...apiAttempts, ...pageAttempts.filter(({ status }) => status !== 422)]) {
        const logged = `${attempt.status} on ${attempt.path.replace(token, '[redacted]')} [${attempt.method}]`;
        assert.ok(app.logs.lines().some((line) => line.includes(logged)), `the log says "${logged}"`);
      }
      assert.match(app.logs.text(), `Exception on /api/password-resets/[redacted] [POST]`);
      assert.match(app.logs.text(), `Exception on /reset_password/[redacted] [POST]`);
      assert.match(app.logs.text(), `404 on /user/christopher_columbus_explorer [GET]`);
      const [apiEvent, pageEvent] = tracker.events();
      assert.match(apiEvent?.request?.url ?? '', '/api/password-resets/[redacted]');
      assert.match(pageEvent?.request?.url ?? '', '/reset_password/[redacted]');

      const reset = await fetch(new URL(api, app.baseUrl), { method: 'POST', headers: json, body: JSON.stringify({ password: NEW_PASSWORD }) });
      assert.is(reset.status, 204, 'the token was live all along');
      return app;
    });
  } finally {
    await tracker.close();
    await resetMail.close();
    await alertMail.close();
  }
  try {
    const channels = {
      'log file': await readFile(path.join(directory, 'microblog.log'), 'utf8'),
      stdout: printed,
      'in-memory log': closed.logs.text(),
      'alert emails': alertMail.received().map((mail) => mail.raw).join('\n'),
      tracker: tracker.receivedText(),
    };
    for (const [channel, text] of Object.entries(channels)) {
      assert.match(text, '[redacted]', `the ${channel} got the requests`);
      assert.not.match(text, token, `the token in the ${channel}`);
    }
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});

test.run();
