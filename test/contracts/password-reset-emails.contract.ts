import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { PasswordResetEmails } from '../../domain/ports/password-reset-emails.js';
import { tokenInLink } from '../support/plain-reset-emails.js';

const BASE_URL = 'https://microblog.example/blog/';
const TOKEN = 'Zm9vYmFyLWJhei1xdXV4LTAxMjM0NTY3ODktYWJjZGVm_-';

/** What every writer of reset emails must do, given the site's address `https://microblog.example/blog/`. */
export function passwordResetEmailsContract(name: string, open: (baseUrl: string) => PasswordResetEmails): void {
  const test = suite(`PasswordResetEmails contract: ${name}`);

  test('when an email is written, then its subject is the original one', async () => {
    const email = await open(BASE_URL).compose({ username: 'susan', token: TOKEN, validForMs: 10 * 60_000, language: null });
    assert.is(email.subject, '[Microblog] Reset Your Password');
  });

  test('when an email is written, then both bodies greet the user and carry the link on the configured site, path included', async () => {
    const email = await open(BASE_URL).compose({ username: 'susan', token: TOKEN, validForMs: 10 * 60_000, language: null });
    const link = `${BASE_URL}reset_password/${TOKEN}`;
    assert.match(email.text, 'Dear susan,');
    assert.match(email.text, link);
    assert.is(tokenInLink(email.text), TOKEN);
    assert.match(email.html, 'Dear susan,');
    assert.match(email.html, `href="${link}"`);
  });

  test('when the link lives 25 minutes, then both bodies say so', async () => {
    const email = await open(BASE_URL).compose({ username: 'susan', token: TOKEN, validForMs: 25 * 60_000, language: null });
    assert.match(email.text, 'within 25 minutes');
    assert.match(email.html, 'within 25 minutes');
  });

  test.run();
}
