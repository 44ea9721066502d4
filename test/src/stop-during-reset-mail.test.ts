import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startAppProcess } from '../support/app-process.js';
import { Browser } from '../support/browser.js';
import { startSmtpTestServer } from '../support/smtp-test-server.js';

// The real app as a process: a stop (SIGTERM) that comes while a reset email is still on its way to
// a slow mail server lets that email finish before the database and the process go.

test('when the app is stopped while a reset email is being sent, then the email still arrives and the exit is clean', async () => {
  const smtp = await startSmtpTestServer({ acceptAfterMs: 1_500 });
  const app = await startAppProcess({ mail: { port: smtp.port, admins: ['admin@example.com'] } });
  try {
    const browser = new Browser(app.baseUrl);
    await browser.register('susan', 'susan@example.com');
    await browser.get('/reset_password_request');
    const answer = await browser.post('/reset_password_request', { email: 'susan@example.com' });
    assert.is(answer.location, '/login');
    assert.is(smtp.received().length, 0, 'the answer came before the mail server accepted anything');

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

test.run();
