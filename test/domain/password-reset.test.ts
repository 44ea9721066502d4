import { err } from 'neverthrow';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InMemoryMailer } from '../../adapters/mail/in-memory-mailer.js';
import { InMemoryJobQueue } from '../../adapters/persistence/in-memory/in-memory-job-queue.js';
import { InMemoryAccessTokenRepository } from '../../adapters/persistence/in-memory/in-memory-access-token-repository.js';
import { InMemoryLoginAttemptLog } from '../../adapters/persistence/in-memory/in-memory-login-attempt-log.js';
import { InMemoryPasswordResetTokens } from '../../adapters/persistence/in-memory/in-memory-password-reset-tokens.js';
import { InMemorySessionRepository } from '../../adapters/persistence/in-memory/in-memory-session-repository.js';
import { InMemoryTransactions } from '../../adapters/persistence/in-memory/in-memory-transactions.js';
import { InMemoryUserRepository } from '../../adapters/persistence/in-memory/in-memory-user-repository.js';
import { CheckResetToken } from '../../domain/use-cases/check-reset-token.js';
import { RequestPasswordReset } from '../../domain/use-cases/request-password-reset.js';
import { DEFAULT_RETRY_POLICY } from '../../domain/jobs/retry-policy.js';
import { ResetPassword } from '../../domain/use-cases/reset-password.js';
import { SEND_PASSWORD_RESET_EMAIL, SendPasswordResetEmail } from '../../domain/use-cases/send-password-reset-email.js';
import type { SessionRepository } from '../../domain/ports/session-repository.js';
import { aNewUser } from '../support/builders.js';
import { FaultSwitch } from '../support/fault-switch.js';
import { DatabaseLost } from '../support/faulty-user-repository.js';
import { FixedClock } from '../support/fixed-clock.js';
import { PlainResetEmails, tokenInLink } from '../support/plain-reset-emails.js';
import { PlainTextHasher } from '../support/plain-text-hasher.js';

const MINUTE = 60_000;
const OLD_PASSWORD = 'old password';
const NEW_PASSWORD = 'brand new password';

async function setup(options: Readonly<{ linkLifetimeMs?: number }> = {}) {
  const users = new InMemoryUserRepository();
  const sessions = new InMemorySessionRepository(users);
  const tokens = new InMemoryPasswordResetTokens();
  const accessTokens = new InMemoryAccessTokenRepository();
  const mailer = new InMemoryMailer();
  const emails = new PlainResetEmails();
  const hasher = new PlainTextHasher();
  const clock = new FixedClock();
  const susan = (await users.add(aNewUser({ username: 'Susan', email: 'susan@example.com', passwordHash: (await hasher.hash(OLD_PASSWORD))._unsafeUnwrap() })))._unsafeUnwrap();
  const jobs = new InMemoryJobQueue({ clock, leaseMs: MINUTE, retryPolicy: DEFAULT_RETRY_POLICY, jitter: () => 0 });
  const requestReset = new RequestPasswordReset({ requests: new InMemoryLoginAttemptLog(), jobs, clock });
  const sendEmail = new SendPasswordResetEmail({ users, tokens, emails, mailer, clock }, options.linkLifetimeMs);
  /** Asks for a reset, then runs the job the request left, as a worker would. */
  const request = async (email = 'susan@example.com', clientAddress = '10.0.0.1') => {
    const asked = await requestReset.execute({ email, clientAddress, language: 'en' });
    if (asked.isErr()) return err(asked.error);
    const [job] = await jobs.claim([SEND_PASSWORD_RESET_EMAIL], 1);
    if (!job) throw new Error('the request left no job');
    return sendEmail.execute(job);
  };
  /** Requests a reset for Susan and returns the token from the link in the email she got. */
  const linkSent = async (): Promise<string> => {
    assert.is((await request())._unsafeUnwrap(), 'emailed');
    return tokenInLink(mailer.sent.at(-1)?.text ?? '');
  };
  const passwordOf = async (id: number) => {
    const hash = (await users.findById(id))?.passwordHash ?? '';
    return (await hasher.verify(hash, NEW_PASSWORD))._unsafeUnwrap() ? NEW_PASSWORD : (await hasher.verify(hash, OLD_PASSWORD))._unsafeUnwrap() ? OLD_PASSWORD : hash;
  };
  return {
    users, sessions, tokens, accessTokens, mailer, emails, clock, hasher, susan, request, linkSent, passwordOf,
    check: new CheckResetToken(tokens, clock),
    reset: new ResetPassword({ tokens, users, sessions, accessTokens, hasher, clock, transactions: new InMemoryTransactions([tokens, users, sessions, accessTokens]) }),
  };
}

test('when the address belongs to a user, then she is emailed a link whose token opens the form', async () => {
  const { mailer, check, susan, linkSent } = await setup();
  const token = await linkSent();
  const [mail, ...others] = mailer.sent;
  assert.equal(others, []);
  assert.equal(mail?.to, ['susan@example.com']);
  assert.is(mail?.subject, '[Microblog] Reset Your Password');
  assert.match(mail?.html ?? '', token, 'the HTML body carries the same link');
  assert.is((await check.execute(token))._unsafeUnwrap().userId, susan.id);
});

test('when the address is typed in another case or with spaces, then it still finds her', async () => {
  const { mailer, request } = await setup();
  assert.is((await request('  SUSAN@Example.com '))._unsafeUnwrap(), 'emailed');
  assert.equal(mailer.sent[0]?.to, ['susan@example.com']);
});

test('when nobody has the address, then no-account, no email and no token', async () => {
  const { mailer, emails, request } = await setup();
  assert.is((await request('nobody@example.com'))._unsafeUnwrap(), 'no-account');
  assert.equal(mailer.sent, []);
  assert.equal(emails.tokens, []);
});

test('when the address is not an email address, then it is rejected as EmailInvalid and nothing is sent', async () => {
  const { mailer, request } = await setup();
  assert.equal((await request('not an address'))._unsafeUnwrapErr(), { type: 'FieldsRejected', problems: [{ type: 'EmailInvalid', field: 'email', maxLength: 120 }] });
  assert.equal(mailer.sent, []);
});

test('when the link is followed within 10 minutes, then the new password replaces the old one', async () => {
  const { clock, reset, susan, linkSent, passwordOf } = await setup();
  const token = await linkSent();
  clock.advance(10 * MINUTE - 1);
  assert.is((await reset.execute({ token, password: NEW_PASSWORD }))._unsafeUnwrap(), susan.id);
  assert.is(await passwordOf(susan.id), NEW_PASSWORD);
});

test('when 10 minutes have passed, then the link is invalid, for the form and for the reset alike', async () => {
  const { clock, check, reset, susan, linkSent, passwordOf } = await setup();
  const token = await linkSent();
  clock.advance(10 * MINUTE);
  assert.equal((await check.execute(token))._unsafeUnwrapErr(), { type: 'ResetTokenInvalid' });
  assert.equal((await reset.execute({ token, password: NEW_PASSWORD }))._unsafeUnwrapErr(), { type: 'ResetTokenInvalid' });
  assert.is(await passwordOf(susan.id), OLD_PASSWORD);
});

test('when the lifetime is configured longer, then the link lives that long and the email says so', async () => {
  const { clock, check, mailer, linkSent } = await setup({ linkLifetimeMs: 30 * MINUTE });
  const token = await linkSent();
  assert.match(mailer.sent[0]?.text ?? '', 'within 30 minutes');
  clock.advance(29 * MINUTE);
  assert.ok((await check.execute(token)).isOk());
  clock.advance(MINUTE);
  assert.ok((await check.execute(token)).isErr());
});

test('when a link has been used, then it does not work a second time', async () => {
  const { reset, check, susan, linkSent, passwordOf } = await setup();
  const token = await linkSent();
  assert.ok((await reset.execute({ token, password: NEW_PASSWORD })).isOk());
  assert.equal((await reset.execute({ token, password: 'a third password' }))._unsafeUnwrapErr(), { type: 'ResetTokenInvalid' });
  assert.ok((await check.execute(token)).isErr());
  assert.is(await passwordOf(susan.id), NEW_PASSWORD);
});

test('when two submits race with one link, then exactly one sets the password', async () => {
  const { reset, linkSent } = await setup();
  const token = await linkSent();
  const results = await Promise.all([reset.execute({ token, password: NEW_PASSWORD }), reset.execute({ token, password: 'a third password' })]);
  assert.is(results.filter((result) => result.isOk()).length, 1);
});

test('when the password changes through one link, then the other links sent before are dead', async () => {
  const { reset, check, linkSent } = await setup();
  const first = await linkSent();
  const second = await linkSent();
  assert.ok((await reset.execute({ token: second, password: NEW_PASSWORD })).isOk());
  assert.ok((await check.execute(first)).isErr());
  assert.ok((await reset.execute({ token: first, password: 'a third password' })).isErr());
});

test('when the password is reset, then every session and API token of that user ends and other users keep theirs', async () => {
  const { users, sessions, accessTokens, clock, reset, susan, linkSent } = await setup();
  const john = (await users.add(aNewUser()))._unsafeUnwrap();
  const session = (userId: number) => sessions.create({ userId, createdAt: clock.now(), lastActiveAt: clock.now(), rememberMe: true });
  const susans = [await session(susan.id), await session(susan.id)];
  const johns = await session(john.id);
  const apiToken = (userId: number) => accessTokens.create({ userId, createdAt: clock.now(), expiresAt: new Date(clock.now().getTime() + 60 * MINUTE) });
  const susansApiToken = await apiToken(susan.id);
  const johnsApiToken = await apiToken(john.id);
  assert.ok((await reset.execute({ token: await linkSent(), password: NEW_PASSWORD })).isOk());
  for (const token of susans) assert.is(await sessions.find(token), null);
  assert.is((await sessions.find(johns))?.user.id, john.id);
  assert.equal((await accessTokens.find(susansApiToken))?.revokedAt, clock.now());
  assert.is((await accessTokens.find(johnsApiToken))?.revokedAt, null);
});

test('when ending the sessions fails after the link was used and the password set, then nothing of it is kept and the link still works', async () => {
  const { users, sessions, tokens, accessTokens, clock, hasher, susan, linkSent, passwordOf, check } = await setup();
  const failingSessions = new FaultSwitch<SessionRepository>(sessions);
  failingSessions.failing = 'deleteAllOf';
  const transactions = new InMemoryTransactions([tokens, users, sessions, accessTokens]);
  const reset = new ResetPassword({ tokens, users, sessions: failingSessions.port, accessTokens, hasher, clock, transactions });
  const token = await linkSent();
  try {
    await reset.execute({ token, password: NEW_PASSWORD });
    assert.unreachable('the failure must reach the caller');
  } catch (error) {
    assert.instance(error, DatabaseLost);
  }
  assert.is(await passwordOf(susan.id), OLD_PASSWORD);
  assert.ok((await check.execute(token)).isOk(), 'the link can be used again');
});

test('when the new password is too short, then PasswordTooShort and the link still works', async () => {
  const { reset, check, susan, linkSent, passwordOf } = await setup();
  const token = await linkSent();
  assert.equal((await reset.execute({ token, password: 'short' }))._unsafeUnwrapErr(), { type: 'FieldsRejected', problems: [{ type: 'PasswordTooShort', field: 'password', minLength: 8 }] });
  assert.ok((await check.execute(token)).isOk());
  assert.is(await passwordOf(susan.id), OLD_PASSWORD);
});

test('when the token was never issued, then it is invalid and nothing changes', async () => {
  const { reset, check, susan, passwordOf } = await setup();
  assert.ok((await check.execute('made-up-token')).isErr());
  assert.ok((await reset.execute({ token: 'made-up-token', password: NEW_PASSWORD })).isErr());
  assert.is(await passwordOf(susan.id), OLD_PASSWORD);
});

test('when one address asks a fourth time within the hour, then TooManyAttempts and no email, until enough requests have left the hour', async () => {
  const { clock, mailer, request } = await setup();
  for (let i = 0; i < 3; i++) {
    assert.is((await request('susan@example.com', `10.0.0.${i}`))._unsafeUnwrap(), 'emailed');
    clock.advance(MINUTE);
  }
  const refused = (await request('susan@example.com', '10.0.0.9'))._unsafeUnwrapErr();
  assert.equal(refused, { type: 'TooManyAttempts', retryAfterMs: 58 * MINUTE }, 'the refused request counts too: two must leave the hour');
  assert.is(mailer.sent.length, 3);
  clock.advance(58 * MINUTE - 1);
  assert.is((await request())._unsafeUnwrapErr().type, 'TooManyAttempts');
  clock.advance(2 * MINUTE);
  assert.is((await request())._unsafeUnwrap(), 'emailed');
  assert.is(mailer.sent.length, 4);
});

test('when six requests for one address arrive at once, then no more than three emails go out', async () => {
  const { mailer, request } = await setup();
  const outcomes = await Promise.all(Array.from({ length: 6 }, (_, i) => request('susan@example.com', `10.0.1.${i}`)));
  assert.ok(mailer.sent.length <= 3, `${mailer.sent.length} emails`);
  assert.is(outcomes.filter((outcome) => outcome.isOk()).length, mailer.sent.length);
});

test('when an unknown address is asked for often, then it is throttled the same, so the limit reveals nothing', async () => {
  const { request } = await setup();
  for (let i = 0; i < 3; i++) assert.is((await request('nobody@example.com'))._unsafeUnwrap(), 'no-account');
  assert.is((await request('nobody@example.com'))._unsafeUnwrapErr().type, 'TooManyAttempts');
});

test('when one client asks for twenty addresses within the hour, then its next request is refused whatever the address', async () => {
  const { mailer, request } = await setup();
  for (let i = 0; i < 20; i++) assert.ok((await request(`person${i}@example.com`, '10.9.9.9')).isOk());
  assert.is((await request('susan@example.com', '10.9.9.9'))._unsafeUnwrapErr().type, 'TooManyAttempts');
  assert.equal(mailer.sent, []);
  assert.is((await request('susan@example.com', '10.0.0.1'))._unsafeUnwrap(), 'emailed', 'other clients are not affected');
});

test('when the mail server cannot be reached, then the job fails transiently with its reason, and the link written for it is dead', async () => {
  const { mailer, emails, check, request } = await setup();
  mailer.refuse('ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:25');
  assert.equal((await request())._unsafeUnwrapErr(), { type: 'JobFailure', permanence: 'transient', reason: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:25' });
  assert.is(emails.tokens.length, 1);
  assert.ok((await check.execute(emails.tokens[0] ?? '')).isErr());
});

test('when the mail server says the mailbox does not exist, then the job fails for good, and no link is left', async () => {
  const { mailer, emails, check, request } = await setup();
  mailer.refuse('550 5.1.1 <susan@example.com>: no such user', 'permanent');
  assert.equal((await request())._unsafeUnwrapErr(), { type: 'JobFailure', permanence: 'permanent', reason: '550 5.1.1 <susan@example.com>: no such user' });
  assert.ok((await check.execute(emails.tokens[0] ?? '')).isErr());
});

test('when a retry follows a failed attempt, then a fresh link is written at that time and lives its full 10 minutes', async () => {
  const users = new InMemoryUserRepository();
  const tokens = new InMemoryPasswordResetTokens();
  const mailer = new InMemoryMailer();
  const emails = new PlainResetEmails();
  const clock = new FixedClock();
  await users.add(aNewUser({ email: 'susan@example.com' }));
  const send = new SendPasswordResetEmail({ users, tokens, emails, mailer, clock });
  mailer.refuse('451 4.7.1 greylisted, try again later');
  assert.is((await send.execute({ payload: { email: 'susan@example.com' } }))._unsafeUnwrapErr().permanence, 'transient');
  clock.advance(30 * MINUTE);
  mailer.refuse(null);
  assert.is((await send.execute({ payload: { email: 'susan@example.com' } }))._unsafeUnwrap(), 'emailed');
  const check = new CheckResetToken(tokens, clock);
  clock.advance(10 * MINUTE - 1);
  assert.ok((await check.execute(tokenInLink(mailer.sent[0]?.text ?? ''))).isOk(), 'counted from the retry, not the request');
});

test('when a job\'s payload names no address, then it fails for good rather than being retried', async () => {
  const { users, tokens, mailer, emails, clock } = await setup();
  const send = new SendPasswordResetEmail({ users, tokens, emails, mailer, clock });
  assert.equal((await send.execute({ payload: { mail: 42 } }))._unsafeUnwrapErr(), { type: 'JobFailure', permanence: 'permanent', reason: 'the job names no email address' });
});

test.run();
