import { execFile } from 'node:child_process';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startSmtpTestServer, type SmtpTestServer } from '../../support/smtp-test-server.js';

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
    assert.match(outcome.stdout, `test alert sent through 127.0.0.1:${server.port} (no TLS, as alerts) to admin@example.com, ops@example.com`);
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
    assert.match(outcome.stderr, 'failed: EAUTH: Invalid login: 535 Invalid username or password (command: AUTH PLAIN)');
    assert.not.match(outcome.stdout + outcome.stderr, 'wrong-pa55word');
    assert.is(server.received().length, 0);
  } finally {
    await server.close();
  }
});

test('when MAIL_SERVER is not set, then the command names it and exits 1', async () => {
  const outcome = await runCli({ ADMINS: 'admin@example.com' });
  assert.is(outcome.code, 1);
  assert.match(outcome.stderr, 'MAIL_SERVER is not set');
});

test.run();
