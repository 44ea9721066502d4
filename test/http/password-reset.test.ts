import { request as httpRequest } from 'node:http';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { emailAlertAppender } from '../../adapters/logging/alerts/email-alert-appender.js';
import { createScrubber } from '../../adapters/logging/scrub.js';
import { sentryErrorTracker } from '../../adapters/logging/tracker/sentry-error-tracker.js';
import { NodemailerMailer } from '../../adapters/mail/nodemailer-mailer.js';
import type { Browser, Page } from '../support/browser.js';
import type { SessionRepository } from '../../domain/ports/session-repository.js';
import { FaultSwitch } from '../support/fault-switch.js';
import { FaultyUserRepository } from '../support/faulty-user-repository.js';
import { FixedClock } from '../support/fixed-clock.js';
import { startSentryTestServer } from '../support/sentry-test-server.js';
import { startSmtpTestServer, unusedPort, type SmtpTestServer } from '../support/smtp-test-server.js';
import { TEST_SECRET_KEY, withApp, type TestApp, type TestAppOptions } from '../support/test-app.js';

const BASE_URL = 'https://microblog.example/';
const TEN_MINUTES = 10 * 60_000;
const SENT = 'Check your email for the instructions to reset your password';
const DONE = 'Your password has been reset.';
const INVALID = 'This password reset link is invalid or has expired.';
const NEW_PASSWORD = 'a brand new passphrase';

type World = { smtp: SmtpTestServer; app: TestApp; clock: FixedClock };

const test = suite('password reset by email');

/** An app's options for mailing reset links to the SMTP server on `port`, on the test's clock. */
function mailingTo(port: number, clock: FixedClock, options: TestAppOptions = {}): TestAppOptions {
  const mailer = new NodemailerMailer({ host: '127.0.0.1', port, useTls: false, from: 'no-reply@microblog.example', timeouts: { connectionMs: 1_000, greetingMs: 1_000, socketMs: 1_000 } });
  return { clock, passwordReset: { mailer, baseUrl: BASE_URL, linkLifetimeMs: TEN_MINUTES }, ...options };
}

/** A mail server and an app of its own for each test, mailing reset links through it, with Susan registered. */
async function inWorld(work: (world: World) => Promise<void>): Promise<void> {
  const smtp = await startSmtpTestServer();
  try {
    const clock = new FixedClock(new Date());
    await withApp(mailingTo(smtp.port, clock), async (app) => {
      await app.browser().register('susan', 'susan@example.com');
      await work({ smtp, app, clock });
    });
  } finally {
    await smtp.close();
  }
}

async function requestReset(browser: Browser, email: string, headers: Record<string, string> = {}): Promise<Page> {
  await browser.get('/reset_password_request');
  return browser.post('/reset_password_request', { email }, { headers });
}

/** The reset link of the `index`th email the server received, as a path on the app under test. */
async function linkPath(smtp: SmtpTestServer, index = 0): Promise<string> {
  const mail = (await smtp.waitForMessages(index + 1))[index];
  const link = /https?:\/\/\S+\/reset_password\/\S+/.exec(mail?.text ?? '')?.[0] ?? '';
  assert.ok(link.startsWith(`${BASE_URL}reset_password/`), `the link starts at BASE_URL: ${link}`);
  return new URL(link).pathname;
}

async function flashAfter(browser: Browser, page: Page): Promise<string> {
  return (await browser.follow(page)).text;
}

test('when the login page is shown, then it links to the reset form, which asks for an email', () => inWorld(async ({ app }) => {
  const browser = app.browser();
  assert.match((await browser.get('/login')).text, /Forgot your password\? <a href="\/reset_password_request">Click to Reset It<\/a>/);
  const form = await browser.get('/reset_password_request');
  assert.is(form.status, 200);
  assert.match(form.text, '<h1>Reset Password</h1>');
  assert.match(form.text, /<label for="email">Email<\/label>/);
  assert.match(form.text, 'Request Password Reset');
}));

test('when Susan asks for a reset and follows the emailed link, then her new password works, the old one does not, and her sessions are ended', () => inWorld(async ({ app, smtp }) => {
  const laptop = app.browser();
  await laptop.logIn('susan');
  assert.is((await laptop.get('/index')).status, 200);

  const browser = app.browser();
  const asked = await requestReset(browser, 'susan@example.com');
  assert.is(asked.status, 302);
  assert.is(asked.location, '/login');
  assert.match(await flashAfter(browser, asked), SENT);

  const [mail] = await smtp.waitForMessages(1);
  assert.equal(mail?.envelopeTo, ['susan@example.com']);
  assert.is(mail?.subject, '[Microblog] Reset Your Password');
  assert.match(mail?.text ?? '', 'Dear susan,');
  const path = await linkPath(smtp);
  assert.match(mail?.html ?? '', `href="${BASE_URL}${path.slice(1)}"`, 'the HTML body links to the same page');

  const form = await browser.get(path);
  assert.is(form.status, 200);
  assert.match(form.text, '<h1>Reset Your Password</h1>');
  assert.match(form.text, 'Repeat Password');
  assert.is(form.headers.get('cache-control'), 'no-store');

  const reset = await browser.post(path, { password: NEW_PASSWORD, password2: NEW_PASSWORD });
  assert.is(reset.status, 302);
  assert.is(reset.location, '/login');
  assert.match(await flashAfter(browser, reset), DONE);

  assert.is((await laptop.get('/index')).location, '/login?next=%2Findex', 'the session opened before the reset has ended');
  assert.is((await app.browser().logIn('susan', 'password123')).location, '/login', 'the old password is refused');
  assert.is((await app.browser().logIn('susan', NEW_PASSWORD)).location, '/index');
}));

test('when Susan chose Spanish on her profile, then her reset email is in Spanish even when an English browser asks for it', () => inWorld(async ({ app, smtp }) => {
  const susan = app.browser();
  await susan.logIn('susan');
  await susan.get('/index');
  await susan.post('/language/es?next=%2Findex');
  await susan.post('/logout');
  await requestReset(app.browser(), 'susan@example.com', { 'Accept-Language': 'en' });
  const [mail] = await smtp.waitForMessages(1);
  assert.is(mail?.subject, '[Microblog] Nueva Contraseña');
}));

test('when the address belongs to nobody, then the same answer and no email', () => inWorld(async ({ app, smtp }) => {
  const browser = app.browser();
  const known = await requestReset(browser, 'susan@example.com');
  const unknown = await requestReset(app.browser(), 'nobody@example.com');
  assert.is(unknown.status, known.status);
  assert.is(unknown.location, known.location);
  assert.match(await flashAfter(browser, unknown), SENT);
  await app.backgroundSettled();
  assert.equal(smtp.received().map((mail) => mail.envelopeTo), [['susan@example.com']]);
}));

test('when the request names another Host and X-Forwarded-Host, then the emailed link still points at BASE_URL', () => inWorld(async ({ smtp, clock }) => {
  await withApp(mailingTo(smtp.port, clock, { trustProxy: true }), async (app) => {
    const browser = app.browser();
    await browser.register('john', 'john@example.com');
    await browser.get('/reset_password_request');
    const answer = await postWithHost(browser, '/reset_password_request', `email=john%40example.com&csrf_token=${browser.lastToken ?? ''}`, 'evil.example');
    assert.is(answer, 302);
    const [mail] = await smtp.waitForMessages(1);
    assert.not.match(mail?.text ?? '', 'evil.example');
    assert.not.match(mail?.html ?? '', 'evil.example');
    await linkPath(smtp);
  });
}));

test('when a link is used once, then it is dead for both the form and a second submit', () => inWorld(async ({ app, smtp }) => {
  const browser = app.browser();
  await requestReset(browser, 'susan@example.com');
  const path = await linkPath(smtp);
  await browser.get(path);
  assert.is((await browser.post(path, { password: NEW_PASSWORD, password2: NEW_PASSWORD })).location, '/login');
  await browser.follow({ status: 302, location: '/login' } as Page);

  const again = await browser.get(path);
  assert.is(again.location, '/login');
  assert.match(await flashAfter(browser, again), INVALID);
  const resubmit = await browser.post(path, { password: 'yet another password', password2: 'yet another password' });
  assert.is(resubmit.location, '/login');
  assert.is((await app.browser().logIn('susan', NEW_PASSWORD)).location, '/index', 'the second submit changed nothing');
}));

test('when ten browsers submit one link at once, then exactly one password is set', () => inWorld(async ({ app, smtp }) => {
  const browser = app.browser();
  await requestReset(browser, 'susan@example.com');
  const path = await linkPath(smtp);
  const browsers = Array.from({ length: 10 }, () => app.browser());
  for (const each of browsers) await each.get(path);
  const answers = await Promise.all(browsers.map((each, i) => each.post(path, { password: `password number ${i}`, password2: `password number ${i}` })));
  const flashes = await Promise.all(answers.map((answer, i) => flashAfter(browsers[i] as Browser, answer)));
  assert.equal(answers.map((answer) => answer.status), Array(10).fill(302));
  assert.is(flashes.filter((text) => text.includes(DONE)).length, 1);
  assert.is(flashes.filter((text) => text.includes(INVALID)).length, 9);
}));

test('when 10 minutes have passed, then the link sends the visitor to the login page with the flash', () => inWorld(async ({ app, smtp, clock }) => {
  const browser = app.browser();
  await requestReset(browser, 'susan@example.com');
  const path = await linkPath(smtp);
  clock.advance(TEN_MINUTES);
  const expired = await browser.get(path);
  assert.is(expired.location, '/login');
  assert.match(await flashAfter(browser, expired), INVALID);
}));

test('when the token is made up, odd or huge, then a redirect with the flash; when it is not even text, a 4xx; never an error page', () => inWorld(async ({ app }) => {
  const browser = app.browser();
  for (const token of ['abc', '%F0%9F%92%A5', '%ED%A0%80', '%ZZ', 'a'.repeat(4_000), "'%20OR%201=1--", '..%2F..%2Fetc']) {
    const page = await browser.get(`/reset_password/${token}`);
    assert.is(page.status, 302, token);
    assert.is(page.location, '/login', token);
  }
  for (const token of ['%00', '%0A', '%7F']) {
    const page = await browser.get(`/reset_password/${token}`);
    assert.ok(page.status >= 400 && page.status < 500, `${token} → ${page.status}`);
  }
}));

test('when the new passwords differ or are too short, then the form says so, both at once, and the link still works', () => inWorld(async ({ app, smtp }) => {
  const browser = app.browser();
  await requestReset(browser, 'susan@example.com');
  const path = await linkPath(smtp);
  await browser.get(path);
  const differ = await browser.post(path, { password: NEW_PASSWORD, password2: 'something else' });
  assert.is(differ.status, 422);
  assert.match(differ.text, 'Field must be equal to password.');
  const short = await browser.post(path, { password: 'short', password2: 'short' });
  assert.is(short.status, 422);
  assert.match(short.text, 'Field must be at least 8 characters long.');
  assert.not.match(short.text, 'value="short"', 'passwords are never sent back');
  const both = await browser.post(path, { password: 'short', password2: 'different' });
  assert.is(both.status, 422);
  assert.match(both.text, 'Field must be at least 8 characters long.');
  assert.match(both.text, 'Field must be equal to password.', 'every problem in one answer');
  assert.is((await browser.post(path, { password: NEW_PASSWORD, password2: NEW_PASSWORD })).location, '/login');
}));

test('when the email field is empty or not an address, then the form says so and nothing is sent', () => inWorld(async ({ app, smtp }) => {
  const browser = app.browser();
  const empty = await requestReset(browser, '');
  assert.is(empty.status, 422);
  assert.match(empty.text, 'This field is required.');
  const invalid = await requestReset(browser, 'susan at example');
  assert.is(invalid.status, 422);
  assert.match(invalid.text, 'Invalid email address.');
  assert.match(invalid.text, 'value="susan at example"');
  await app.backgroundSettled();
  assert.is(smtp.received().length, 0);
}));

test('when a logged-in user opens either page, then she is sent to the index', () => inWorld(async ({ app, smtp }) => {
  await requestReset(app.browser(), 'susan@example.com');
  const path = await linkPath(smtp);
  const browser = app.browser();
  await browser.logIn('susan');
  assert.is((await browser.get('/reset_password_request')).location, '/index');
  assert.is((await browser.get(path)).location, '/index');
}));

test('when one address is asked for a fourth time within the hour, then the same answer but no fourth email', () => inWorld(async ({ app, smtp }) => {
  for (let i = 0; i < 4; i++) {
    const browser = app.browser();
    const answer = await requestReset(browser, 'susan@example.com');
    assert.is(answer.location, '/login');
    assert.match(await flashAfter(browser, answer), SENT);
  }
  await app.backgroundSettled();
  assert.is(smtp.received().length, 3);
}));

test('when eight requests for one address arrive at once, then every one gets the same answer and no more than three emails go out', () => inWorld(async ({ app, smtp }) => {
  const browsers = Array.from({ length: 8 }, () => app.browser());
  for (const browser of browsers) await browser.get('/reset_password_request');
  const answers = await Promise.all(browsers.map((browser) => browser.post('/reset_password_request', { email: 'susan@example.com' })));
  assert.equal(answers.map((answer) => answer.location), Array(8).fill('/login'));
  await app.backgroundSettled();
  assert.ok(smtp.received().length <= 3, `${smtp.received().length} emails`);
  assert.is(app.logs.lines().filter((line) => line.includes(' ERROR: ')).length, 0);
}));

test('when nothing ever listens for mail, then the same answer, a warning per failed attempt, one error when each job fails for good, and no token logged', () => inWorld(async ({ smtp, clock }) => {
  // Three attempts: pg-boss spaces retries by whole seconds, so eight would take minutes there.
  await withApp(mailingTo(await unusedPort(), clock, { jobQueue: { retryPolicy: { maxAttempts: 3, baseDelayMs: 5 } } }), async (app) => {
    await app.browser().register('john', 'john@example.com');
    for (let i = 0; i < 2; i++) {
      const browser = app.browser();
      const answer = await requestReset(browser, 'john@example.com');
      assert.is(answer.location, '/login');
      assert.match(await flashAfter(browser, answer), SENT);
    }
    await app.backgroundSettled();
    const jobLines = app.logs.lines().filter((line) => line.includes('Job send-password-reset-email'));
    assert.is(jobLines.filter((line) => line.includes(' ERROR: ') && line.includes('failed for good after 3 attempts')).length, 2, 'one error per job, after its last attempt');
    assert.is(jobLines.filter((line) => line.includes(' WARN: ') && line.includes('will be tried again')).length, 4, 'two retries each');
    assert.match(app.logs.text(), 'JobFailedForGood: send-password-reset-email: ');
    assert.match(app.logs.text(), 'ECONNREFUSED');
    assert.is(smtp.received().length, 0);
    const [failed] = await app.inUnitOfWork(() => app.database.jobs.list('failed', 10));
    assert.match(failed?.lastError ?? '', 'ECONNREFUSED', 'the job keeps its last error for the operators');
    assert.not.match(app.logs.text(), /reset_password\/(?!\[redacted\])[A-Za-z0-9_-]{20,}/);
  });
}));

test('when the flow has run and a request on the link was refused, then no log line holds the token or the new password', () => inWorld(async ({ app, smtp }) => {
  const browser = app.browser();
  await requestReset(browser, 'susan@example.com');
  const path = await linkPath(smtp);
  const token = path.split('/').at(-1) ?? '';
  await browser.get(path);
  assert.is((await browser.post(path, { password: NEW_PASSWORD, password2: NEW_PASSWORD }, { token: 'forged' })).status, 403);
  assert.is((await browser.post(path, { password: NEW_PASSWORD, password2: NEW_PASSWORD })).location, '/login');
  await app.backgroundSettled();
  const text = app.logs.text();
  assert.match(text, '/reset_password/[redacted]', 'the refused request was logged, without its token');
  assert.not.match(text, token);
  assert.not.match(text, NEW_PASSWORD);
}));

test('when setting the new password fails, then a 500 whose log, alert email and tracker event hold neither the token nor the new password', () => inWorld(async ({ smtp, clock }) => {
  const tracker = await startSentryTestServer();
  const scrub = createScrubber([TEST_SECRET_KEY]);
  const alertMailer = new NodemailerMailer({ host: '127.0.0.1', port: smtp.port, useTls: false, from: 'no-reply@microblog.example' });
  let users: FaultyUserRepository | undefined;
  try {
    await withApp(mailingTo(smtp.port, clock, {
      appenders: { alerts: emailAlertAppender({ mailer: alertMailer, to: ['admin@example.com'], scrub }) },
      reporters: [sentryErrorTracker({ dsn: tracker.dsn, environment: 'test', release: 'microblog@test', tracesSampleRate: 0, scrub })],
      userRepository: (real) => (users = new FaultyUserRepository(real)),
    }), async (app) => {
      const browser = app.browser();
      await browser.register('john', 'john@example.com');
      await requestReset(browser, 'john@example.com');
      const path = await linkPath(smtp);
      const token = path.split('/').at(-1) ?? '';
      await browser.get(path);
      if (users) users.failing = 'updatePasswordHash';
      const failed = await browser.post(path, { password: NEW_PASSWORD, password2: NEW_PASSWORD });
      assert.is(failed.status, 500);

      const [event] = await tracker.waitForEvents(1);
      const [, alert] = await smtp.waitForMessages(2);
      assert.match(alert?.subject ?? '', 'Microblog Failure: DatabaseLost');
      assert.match(app.logs.text(), '/reset_password/[redacted]');
      assert.match(event?.request?.url ?? '', '/reset_password/[redacted]', 'the tracker was told where, without the token');
      for (const [where, text] of [['log', app.logs.text()], ['alert', alert?.raw ?? ''], ['tracker', JSON.stringify(event)]] as const) {
        assert.not.match(text, token, `the token in the ${where}`);
        assert.not.match(text, NEW_PASSWORD, `the new password in the ${where}`);
      }
    });
  } finally {
    await tracker.close();
  }
}));

test('when ending the sessions fails after the password was set, then a 500, nothing of the reset is kept, and the same link works on a retry', () => inWorld(async ({ smtp, clock }) => {
  let sessions: FaultSwitch<SessionRepository> | undefined;
  await withApp(mailingTo(smtp.port, clock, { sessionRepository: (real) => (sessions = new FaultSwitch(real)).port }), async (app) => {
    const laptop = app.browser();
    await laptop.register('john', 'john@example.com');
    await laptop.logIn('john');
    const browser = app.browser();
    await requestReset(browser, 'john@example.com');
    const path = await linkPath(smtp);
    await browser.get(path);

    if (sessions) sessions.failing = 'deleteAllOf';
    assert.is((await browser.post(path, { password: NEW_PASSWORD, password2: NEW_PASSWORD })).status, 500);
    assert.is((await laptop.get('/index')).status, 200, 'the session lives on');
    assert.is((await app.browser().logIn('john', 'password123')).location, '/index', 'the old password still works');
    assert.is((await browser.get(path)).status, 200, 'the link still works');

    if (sessions) sessions.failing = null;
    assert.is((await browser.post(path, { password: NEW_PASSWORD, password2: NEW_PASSWORD })).location, '/login');
    assert.is((await laptop.get('/index')).status, 302, 'now the session has ended');
    assert.is((await app.browser().logIn('john', NEW_PASSWORD)).location, '/index');
  });
}));

test('when the site sends no mail, then the reset page says reset by email is not available, and a submit changes nothing', async () => {
  await withApp({}, async (app) => {
    const browser = app.browser();
    const page = await browser.get('/reset_password_request');
    assert.is(page.status, 200);
    assert.match(page.text, 'Password reset by email is not available on this site');
    assert.not.match(page.text, 'Request Password Reset');
    await browser.get('/login'); // a page with a form, for the CSRF token a forged submit would need
    const submit = await browser.post('/reset_password_request', { email: 'susan@example.com' });
    assert.is(submit.status, 403, 'refused for good, not an outage to retry');
    assert.match(submit.text, 'Password reset by email is not available on this site');
  });
});

test.run();

/** fetch will not send another Host header; a plain HTTP request does, as a forging client would. */
function postWithHost(browser: Browser, path: string, body: string, host: string): Promise<number> {
  const url = new URL(path, browser.baseUrl);
  const cookie = [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, {
      method: 'POST',
      headers: { Host: host, 'X-Forwarded-Host': host, 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
    }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end(body);
  });
}
