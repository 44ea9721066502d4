import { execFile } from 'node:child_process';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startSentryTestServer } from '../support/sentry-test-server.js';
import { startSmtpTestServer, unusedPort, type SmtpTestServer } from '../support/smtp-test-server.js';

const CLI = path.resolve('src/send-test-alert.ts');

type Outcome = Readonly<{ code: number; stdout: string; stderr: string }>;

// Only the variables given here: the developer's own mail settings must not leak into the test.
function runCli(env: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', CLI],
      { env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', MAIL_TRANSPORT: 'smtp', ...env }, timeout: 20_000 },
      (error, stdout, stderr) => resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr }),
    );
  });
}

function mailEnv(server: SmtpTestServer, extra: Record<string, string> = {}): Record<string, string> {
  return { MAIL_SERVER: server.host, MAIL_PORT: String(server.port), ADMINS: 'admin@example.com, ops@example.com', ...extra };
}

test('when the mail server accepts the test alert, then it arrives and the command says so and exits 0', async () => {
  const server = await startSmtpTestServer({ username: 'alerts', password: 'mail-pa55word' });
  try {
    const outcome = await runCli(mailEnv(server, { MAIL_USERNAME: 'alerts', MAIL_PASSWORD: 'mail-pa55word' }));
    assert.is(outcome.code, 0, outcome.stderr);
    assert.match(outcome.stdout, `alerts:test: email: test alert sent through 127.0.0.1:${server.port} (no TLS, as alerts) to admin@example.com, ops@example.com`);
    const [mail] = server.received();
    assert.is(mail?.subject, 'Microblog Failure: test alert');
    assert.equal(mail?.envelopeTo, ['admin@example.com', 'ops@example.com']);
    assert.is(mail?.from, `no-reply@${server.host}`);
  } finally {
    await server.close();
  }
});

test('when the server rejects the login, then the exact SMTP error is printed without the password and the exit code is 1', async () => {
  const server = await startSmtpTestServer({ username: 'alerts', password: 'right-pa55word' });
  try {
    const outcome = await runCli(mailEnv(server, { MAIL_USERNAME: 'alerts', MAIL_PASSWORD: 'wrong-pa55word' }));
    assert.is(outcome.code, 1);
    assert.match(outcome.stderr, 'alerts:test: email: sending through 127.0.0.1:' + String(server.port) + ' (no TLS, as alerts) failed: EAUTH: Invalid login: 535 Invalid username or password (command: AUTH PLAIN)');
    assert.not.match(outcome.stdout + outcome.stderr, 'wrong-pa55word');
    assert.is(server.received().length, 0);
  } finally {
    await server.close();
  }
});

test('when no channel is configured, then the command names the variables and exits 1', async () => {
  const outcome = await runCli({ ADMINS: 'admin@example.com' });
  assert.is(outcome.code, 1);
  assert.match(outcome.stderr, 'alerts:test: configuration error: no alert channel is configured: set MAIL_SERVER and ADMINS for alert emails, or SENTRY_DSN for an error tracker');
});

test('when mail is configured without ADMINS and there is no tracker, then there is no alert channel to test', async () => {
  const outcome = await runCli({ MAIL_SERVER: 'smtp.example.com' });
  assert.is(outcome.code, 1);
  assert.match(outcome.stderr, 'no alert channel is configured');
});

test('when the tracker accepts the test event, then it arrives and the command says so per channel beside the email', async () => {
  const server = await startSmtpTestServer();
  const tracker = await startSentryTestServer();
  try {
    const outcome = await runCli(mailEnv(server, { SENTRY_DSN: tracker.dsn }));
    assert.is(outcome.code, 0, outcome.stderr);
    assert.match(outcome.stdout, /^alerts:test: email: test alert sent through/m);
    assert.match(outcome.stdout, `alerts:test: tracker: test event accepted by ${new URL(tracker.dsn).host}, project 42`);
    assert.not.match(outcome.stdout, new URL(tracker.dsn).username, 'the DSN key is not printed');
    assert.is(server.received().length, 1);
    const events = tracker.envelopes().flatMap((envelope) => envelope.items.filter((item) => item.header.type === 'event').map((item) => item.payload as { message?: unknown; level?: unknown }));
    assert.is(events.length, 1);
    assert.match(String(events[0]?.message), 'This is a test alert sent by "npm run alerts:test"');
    assert.is(events[0]?.level, 'info');
  } finally {
    await server.close();
    await tracker.close();
  }
});

test('when the tracker cannot be reached, then its exact error is printed, the email still goes out, and the exit code is 1', async () => {
  const server = await startSmtpTestServer();
  const port = await unusedPort();
  try {
    const outcome = await runCli(mailEnv(server, { SENTRY_DSN: `http://key0123@127.0.0.1:${port}/7` }));
    assert.is(outcome.code, 1);
    assert.match(outcome.stdout, /^alerts:test: email: test alert sent through/m);
    assert.match(outcome.stderr, `alerts:test: tracker: sending to 127.0.0.1:${port}, project 7 failed: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${port}`);
    assert.is(server.received().length, 1);
  } finally {
    await server.close();
  }
});

test.run();
