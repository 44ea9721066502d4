import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { NodemailerMailer } from '../../adapters/mail/nodemailer-mailer.js';
import { withApiApp, type ApiTestApp } from '../support/api-app.js';
import { startSmtpTestServer, type SmtpTestServer } from '../support/smtp-test-server.js';

const BASE_URL = 'https://microblog.example/';
const NEW_PASSWORD = 'a brand new passphrase';

type World = ApiTestApp & { smtp: SmtpTestServer };
const test = suite('API password reset');

/** A mail server and an app of its own for each test, mailing reset links through it, with Susan registered. */
async function inWorld(work: (world: World) => Promise<void>): Promise<void> {
  const smtp = await startSmtpTestServer();
  try {
    const mailer = new NodemailerMailer({ host: '127.0.0.1', port: smtp.port, useTls: false, from: 'no-reply@microblog.example', timeouts: { connectionMs: 1_000, greetingMs: 1_000, socketMs: 1_000 } });
    await withApiApp({ passwordReset: { mailer, baseUrl: BASE_URL, linkLifetimeMs: 10 * 60_000 } }, async ({ app, api }) => {
      await api.signUp('susan');
      await work({ app, api, smtp });
    });
  } finally {
    await smtp.close();
  }
}

/** The token of the reset link in the `index`th email the server received. */
async function tokenInEmail(smtp: SmtpTestServer, index = 0): Promise<string> {
  const mail = (await smtp.waitForMessages(index + 1))[index];
  const token = /\/reset_password\/(\S+)/.exec(mail?.text ?? '')?.[1];
  assert.ok(token, 'the email holds a reset link');
  return token;
}

test('when a client asks for a reset and sends the emailed token with a new password, then the new password works and every old token ends', () => inWorld(async ({ api, smtp }) => {
  const oldToken = await api.tokenFor('susan');
  const asked = await api.post('/api/password-resets', { json: { email: 'SUSAN@example.com' } });
  assert.is(asked.status, 202);
  const token = await tokenInEmail(smtp);
  const reset = await api.post(`/api/password-resets/${token}`, { json: { password: NEW_PASSWORD } });
  assert.is(reset.status, 204);
  assert.is((await api.get('/api/timeline', { token: oldToken })).json.type, '/api/problems/token-revoked');
  assert.ok(await api.tokenFor('susan', NEW_PASSWORD));
  const again = await api.post(`/api/password-resets/${token}`, { json: { password: 'yet another passphrase' } });
  assert.is(again.status, 400);
  assert.is(again.json.type, '/api/problems/reset-link-invalid');
}));

test('when the address has no account, then the same 202 and no email', () => inWorld(async ({ api, smtp }) => {
  const asked = await api.post('/api/password-resets', { json: { email: 'nobody@example.com' } });
  assert.is(asked.status, 202);
  await api.post('/api/password-resets', { json: { email: 'susan@example.com' } });
  const mails = await smtp.waitForMessages(1);
  assert.is(mails.length, 1, 'only the address with an account got an email');
  assert.match(JSON.stringify(mails[0]?.to), 'susan@example.com');
}));

test('when the fields are wrong, then 422 lists each with the website\'s message and nothing is sent', () => inWorld(async ({ api, smtp }) => {
  const badEmail = await api.post('/api/password-resets', { json: { email: 'not-an-address' } });
  assert.is(badEmail.status, 422);
  assert.equal(badEmail.json.errors, [{ field: 'email', code: 'invalid', message: 'Invalid email address.' }]);
  const asked = await api.post('/api/password-resets', { json: { email: 'susan@example.com' } });
  assert.is(asked.status, 202);
  const token = await tokenInEmail(smtp);
  const short = await api.post(`/api/password-resets/${token}`, { json: { password: 'short' } });
  assert.is(short.status, 422);
  assert.equal((short.json.errors as { field: string; code: string }[]).map(({ field, code }) => [field, code]), [['password', 'too-short']]);
  assert.is((await api.post(`/api/password-resets/${token}`, { json: { password: NEW_PASSWORD } })).status, 204, 'a refused password leaves the link working');
}));

test('when the token is made up, then 400 reset-link-invalid', () => inWorld(async ({ api }) => {
  const answer = await api.post('/api/password-resets/not-a-real-token', { json: { password: NEW_PASSWORD } });
  assert.is(answer.status, 400);
  assert.is(answer.json.type, '/api/problems/reset-link-invalid');
}));

test('when the server sends no email, then a valid reset request is refused for good (403), after the body is checked as ever', async () => {
  await withApiApp({}, async ({ api }) => {
    const invalid = await api.post('/api/password-resets', { json: { email: 'not an email' } });
    assert.is(invalid.status, 422);
    assert.equal(invalid.json.errors, [{ field: 'email', code: 'invalid', message: 'Invalid email address.' }]);
    assert.is((await api.post('/api/password-resets', { json: {} })).status, 422);
    const answer = await api.post('/api/password-resets', { json: { email: 'susan@example.com' } });
    assert.is(answer.status, 403);
    assert.is(answer.json.type, '/api/problems/reset-unavailable');
    assert.is(answer.headers.get('retry-after'), null, 'nothing to wait for');
  });
});

test.run();
