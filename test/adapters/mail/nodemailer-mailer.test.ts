import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { describeMailFailure } from '../../../adapters/mail/describe-mail-failure.js';
import { NodemailerMailer, type SmtpMailerOptions } from '../../../adapters/mail/nodemailer-mailer.js';
import { startSilentServer, startSmtpTestServer, unusedPort } from '../../support/smtp-test-server.js';

const MESSAGE = { to: ['admin@example.com'], subject: 'Microblog Failure: test', text: 'hello' };
const SHORT_TIMEOUTS = { connectionMs: 500, greetingMs: 300, socketMs: 500 };

function mailer(port: number, options: Partial<SmtpMailerOptions> = {}): NodemailerMailer {
  return new NodemailerMailer({ host: '127.0.0.1', port, useTls: false, from: 'microblog@example.com', timeouts: SHORT_TIMEOUTS, ...options });
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('expected the promise to reject with an Error');
}

test('when credentials are configured and right, then the server authenticates and receives the message', async () => {
  const server = await startSmtpTestServer({ username: 'alerts', password: 'mail-pa55word' });
  try {
    await mailer(server.port, { username: 'alerts', password: 'mail-pa55word' }).send(MESSAGE);
    const [mail] = await server.waitForMessages(1);
    assert.equal(mail?.envelopeTo, ['admin@example.com']);
  } finally {
    await server.close();
  }
});

test('when the password is wrong, then sending rejects with the SMTP reply and without the password', async () => {
  const server = await startSmtpTestServer({ username: 'alerts', password: 'right-pa55word' });
  try {
    const failure = await failureOf(mailer(server.port, { username: 'alerts', password: 'wrong-pa55word' }).send(MESSAGE));
    const description = describeMailFailure(failure);
    assert.match(description, /^EAUTH: /);
    assert.match(description, '535');
    assert.not.match(description, 'wrong-pa55word');
    assert.is(server.received().length, 0);
  } finally {
    await server.close();
  }
});

test('when nothing listens on the port, then sending rejects with the connection error', async () => {
  const failure = await failureOf(mailer(await unusedPort()).send(MESSAGE));
  assert.match(describeMailFailure(failure), 'ECONNREFUSED');
});

test('when the server accepts but never greets, then sending rejects once the greeting timeout passes', async () => {
  const silent = await startSilentServer();
  try {
    const failure = await failureOf(mailer(silent.port).send(MESSAGE));
    assert.match(describeMailFailure(failure), /ETIMEDOUT|[Gg]reeting/);
  } finally {
    await silent.close();
  }
});

test('when TLS is required and the server offers no STARTTLS, then nothing is sent in plain text', async () => {
  const server = await startSmtpTestServer();
  try {
    const failure = await failureOf(mailer(server.port, { useTls: true }).send(MESSAGE));
    assert.match(describeMailFailure(failure), 'STARTTLS');
    assert.is(server.received().length, 0);
  } finally {
    await server.close();
  }
});

test.run();
