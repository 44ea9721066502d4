import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { MailNotSent } from '../../../domain/errors.js';
import { NodemailerMailer, type SmtpMailerOptions } from '../../../adapters/mail/nodemailer-mailer.js';
import { startSilentServer, startSmtpTestServer, unusedPort } from '../../support/smtp-test-server.js';

const MESSAGE = { to: ['admin@example.com'], subject: 'Microblog Failure: test', text: 'hello' };
const SHORT_TIMEOUTS = { connectionMs: 500, greetingMs: 300, socketMs: 500 };

function mailer(port: number, options: Partial<SmtpMailerOptions> = {}): NodemailerMailer {
  return new NodemailerMailer({ host: '127.0.0.1', port, useTls: false, from: 'microblog@example.com', timeouts: SHORT_TIMEOUTS, ...options });
}

async function refusalOf(sending: ReturnType<NodemailerMailer['send']>): Promise<MailNotSent> {
  const sent = await sending;
  if (sent.isOk()) throw new Error('expected the mail to be refused');
  return sent.error;
}

test('when credentials are configured and right, then the server authenticates and receives the message', async () => {
  const server = await startSmtpTestServer({ username: 'alerts', password: 'mail-pa55word' });
  try {
    const sent = await mailer(server.port, { username: 'alerts', password: 'mail-pa55word' }).send(MESSAGE);
    assert.ok(sent.isOk());
    const [mail] = await server.waitForMessages(1);
    assert.equal(mail?.envelopeTo, ['admin@example.com']);
  } finally {
    await server.close();
  }
});

test('when the password is wrong, then the refusal carries the SMTP reply and not the password', async () => {
  const server = await startSmtpTestServer({ username: 'alerts', password: 'right-pa55word' });
  try {
    const refusal = await refusalOf(mailer(server.port, { username: 'alerts', password: 'wrong-pa55word' }).send(MESSAGE));
    assert.match(refusal.reason, /^EAUTH: /);
    assert.match(refusal.reason, '535');
    assert.is(refusal.permanence, 'permanent', 'a 5xx reply: the same credentials fail the same way until an operator mends them');
    assert.not.match(refusal.reason, 'wrong-pa55word');
    assert.is(server.received().length, 0);
  } finally {
    await server.close();
  }
});

test('when nothing listens on the port, then the refusal names the connection error, and trying later may help', async () => {
  const refusal = await refusalOf(mailer(await unusedPort()).send(MESSAGE));
  assert.match(refusal.reason, 'ECONNREFUSED');
  assert.is(refusal.permanence, 'transient');
});

for (const [reply, permanence] of [[451, 'transient'], [452, 'transient'], [550, 'permanent'], [553, 'permanent']] as const) {
  test(`when the server answers ${reply} for the recipient, then the refusal carries the reply and is ${permanence}`, async () => {
    const server = await startSmtpTestServer({ recipientReply: () => reply });
    try {
      const refusal = await refusalOf(mailer(server.port).send(MESSAGE));
      assert.match(refusal.reason, String(reply));
      assert.is(refusal.permanence, permanence);
    } finally {
      await server.close();
    }
  });
}

test('when the server accepts but never greets, then the mail is refused once the greeting timeout passes', async () => {
  const silent = await startSilentServer();
  try {
    const refusal = await refusalOf(mailer(silent.port).send(MESSAGE));
    assert.match(refusal.reason, /ETIMEDOUT|[Gg]reeting/);
    assert.is(refusal.permanence, 'transient');
  } finally {
    await silent.close();
  }
});

test('when TLS is required and the server offers no STARTTLS, then nothing is sent in plain text', async () => {
  const server = await startSmtpTestServer();
  try {
    const refusal = await refusalOf(mailer(server.port, { useTls: true }).send(MESSAGE));
    assert.match(refusal.reason, 'STARTTLS');
    assert.is(server.received().length, 0);
  } finally {
    await server.close();
  }
});

test.run();
