import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startAppProcess } from '../support/app-process.js';
import { Browser } from '../support/browser.js';
import { eventually } from '../support/eventually.js';
import { startSmtpTestServer } from '../support/smtp-test-server.js';

// The real app as a process: the reset email promised by an answer survives a stop that comes
// while it is on its way, and a SIGKILL that comes right after the answer.

async function askForReset(baseUrl: string): Promise<void> {
  const browser = new Browser(baseUrl);
  await browser.register('susan', 'susan@example.com');
  await browser.get('/reset_password_request');
  const answer = await browser.post('/reset_password_request', { email: 'susan@example.com' });
  assert.is(answer.location, '/login');
}

test('when the app is stopped while a reset email is being sent, then the email still arrives and the exit is clean', async () => {
  let offered = false;
  const smtp = await startSmtpTestServer({ acceptAfterMs: 1_500, recipientReply: () => ((offered = true), null) });
  const app = await startAppProcess({ mail: { port: smtp.port, admins: ['admin@example.com'] } });
  try {
    await askForReset(app.baseUrl);
    await eventually(() => offered, 'the email on its way');
    assert.is(smtp.received().length, 0, 'the mail server has not accepted it yet');

    assert.is(await app.stop(), 0);
    const [mail, ...others] = smtp.received();
    assert.equal(others, []);
    assert.equal(mail?.envelopeTo, ['susan@example.com']);
    assert.is(mail?.subject, '[Microblog] Reset Your Password');
  } finally {
    await app.stop();
    await smtp.close();
  }
});

test('when the app is killed with SIGKILL while the reset email is on its way, then the next start sends it', async () => {
  let offered = false;
  const smtp = await startSmtpTestServer({ acceptAfterMs: 1_500, recipientReply: () => ((offered = true), null) });
  const app = await startAppProcess({ mail: { port: smtp.port, admins: ['admin@example.com'] } });
  let next: Awaited<ReturnType<typeof startAppProcess>> | null = null;
  try {
    await askForReset(app.baseUrl);
    await eventually(() => offered, 'the email on its way');
    app.signal('SIGKILL');
    await app.exited;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    assert.is(smtp.received().length, 0, 'the killed process never had its email accepted');
    next = await startAppProcess({ mail: { port: smtp.port, admins: ['admin@example.com'] }, env: { DATABASE_URL: `sqlite:${app.databasePath}` } });
    // Once the killed process's 30 s lease on the job has run out.
    const [mail, ...others] = await smtp.waitForMessages(1, 60_000);
    assert.equal(others, []);
    assert.equal(mail?.envelopeTo, ['susan@example.com']);
    assert.is(mail?.subject, '[Microblog] Reset Your Password');
  } finally {
    await next?.stop();
    await app.stop();
    await smtp.close();
  }
});

test.run();
