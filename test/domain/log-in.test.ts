import { okAsync, type ResultAsync } from 'neverthrow';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InMemoryLoginAttemptLog } from '../../adapters/persistence/in-memory/in-memory-login-attempt-log.js';
import { InMemoryTransactions } from '../../adapters/persistence/in-memory/in-memory-transactions.js';
import { InMemoryUserRepository } from '../../adapters/persistence/in-memory/in-memory-user-repository.js';
import type { LoginAttemptLog } from '../../domain/ports/login-attempt-log.js';
import type { UserRepository } from '../../domain/ports/user-repository.js';
import { accountKey, addressKey } from '../../domain/login-throttle.js';
import { FaultSwitch } from '../support/fault-switch.js';
import { DatabaseLost } from '../support/faulty-user-repository.js';
import type { ServiceBusy } from '../../domain/errors.js';
import type { PasswordHasher } from '../../domain/ports/password-hasher.js';
import { LogIn } from '../../domain/use-cases/log-in.js';
import { aNewUser } from '../support/builders.js';
import { FixedClock } from '../support/fixed-clock.js';
import { PlainTextHasher } from '../support/plain-text-hasher.js';

/** Counts verifications, to show an unknown user costs a password check like a known one. */
class CountingHasher extends PlainTextHasher implements PasswordHasher {
  verifications = 0;
  override verify(hash: string, password: string): ResultAsync<boolean, ServiceBusy> {
    this.verifications += 1;
    return super.verify(hash, password);
  }
}

async function setup() {
  const users = new InMemoryUserRepository();
  const hasher = new CountingHasher();
  const clock = new FixedClock();
  const user = (await users.add(aNewUser({ username: 'Susan', passwordHash: (await hasher.hash('right password'))._unsafeUnwrap() })))._unsafeUnwrap();
  const attempts = new InMemoryLoginAttemptLog();
  return { users, user, hasher, clock, attempts, logIn: new LogIn(users, hasher, attempts, clock, new InMemoryTransactions([users, attempts])) };
}

const from = (clientAddress: string, username: string, password: string) => ({ username, password, clientAddress });

test('when the password is right, then the user is logged in, whatever the case of the username', async () => {
  const { logIn } = await setup();
  assert.is((await logIn.execute(from('10.0.0.1', 'susan', 'right password')))._unsafeUnwrap().username, 'Susan');
});

test('when the password is wrong, then InvalidCredentials', async () => {
  const { logIn } = await setup();
  assert.equal((await logIn.execute(from('10.0.0.1', 'Susan', 'wrong')))._unsafeUnwrapErr(), { type: 'InvalidCredentials' });
});

test('when the user is unknown, then the same InvalidCredentials after the same password check', async () => {
  const { hasher, logIn } = await setup();
  const result = await logIn.execute(from('10.0.0.1', 'nobody', 'whatever'));
  assert.equal(result._unsafeUnwrapErr(), { type: 'InvalidCredentials' });
  assert.is(hasher.verifications, 1);
});

test('when an account fails five times, then the sixth try waits, even with the right password, until the window passes', async () => {
  const { clock, logIn } = await setup();
  for (let i = 0; i < 5; i++) {
    assert.is((await logIn.execute(from(`10.0.0.${i}`, 'susan', 'wrong')))._unsafeUnwrapErr().type, 'InvalidCredentials');
    clock.advance(60_000);
  }
  const blocked = (await logIn.execute(from('10.0.0.99', 'susan', 'right password')))._unsafeUnwrapErr();
  assert.equal(blocked, { type: 'TooManyAttempts', retryAfterMs: 10 * 60_000 });
  clock.advance(10 * 60_000 + 1);
  assert.ok((await logIn.execute(from('10.0.0.99', 'susan', 'right password'))).isOk());
});

test('when one address fails against many accounts, then it is throttled, and other addresses are not', async () => {
  const { logIn } = await setup();
  for (let i = 0; i < 20; i++) await logIn.execute(from('203.0.113.7', `guess${i}`, 'wrong'));
  assert.is((await logIn.execute(from('203.0.113.7', 'susan', 'right password')))._unsafeUnwrapErr().type, 'TooManyAttempts');
  assert.ok((await logIn.execute(from('198.51.100.1', 'susan', 'right password'))).isOk());
});

test('when a login succeeds, then the account counter starts again', async () => {
  const { logIn } = await setup();
  for (let i = 0; i < 4; i++) await logIn.execute(from('10.0.0.1', 'susan', 'wrong'));
  assert.ok((await logIn.execute(from('10.0.0.1', 'susan', 'right password'))).isOk());
  for (let i = 0; i < 4; i++) await logIn.execute(from('10.0.0.1', 'susan', 'wrong'));
  assert.ok((await logIn.execute(from('10.0.0.1', 'susan', 'right password'))).isOk());
});

test('when 50 guesses for one account arrive at once, then 5 are checked and 45 are told to wait', async () => {
  const { hasher, logIn } = await setup();
  const results = await Promise.all(Array.from({ length: 50 }, (_, i) => logIn.execute(from(`10.0.1.${i}`, 'susan', `guess ${i}`))));
  const outcomes = results.map((result) => result._unsafeUnwrapErr().type);
  assert.is(outcomes.filter((type) => type === 'InvalidCredentials').length, 5);
  assert.is(outcomes.filter((type) => type === 'TooManyAttempts').length, 45);
  assert.is(hasher.verifications, 5);
});

/** Counts reservations: each is a write to the shared store. */
class CountingAttemptLog extends InMemoryLoginAttemptLog {
  reservations = 0;
  override async reserve(...args: Parameters<InMemoryLoginAttemptLog['reserve']>) {
    this.reservations += 1;
    return super.reserve(...args);
  }
}

test('when an account is already throttled, then further guesses are refused without writing anything', async () => {
  const users = new InMemoryUserRepository();
  await users.add(aNewUser({ username: 'susan', passwordHash: 'plain:right password' }));
  const attempts = new CountingAttemptLog();
  const logIn = new LogIn(users, new PlainTextHasher(), attempts, new FixedClock(), new InMemoryTransactions([users, attempts]));
  for (let i = 0; i < 5; i++) await logIn.execute(from(`10.0.2.${i}`, 'susan', 'wrong'));
  const before = attempts.reservations;
  for (let i = 0; i < 20; i++) assert.is((await logIn.execute(from(`10.0.3.${i}`, 'susan', 'wrong')))._unsafeUnwrapErr().type, 'TooManyAttempts');
  assert.is(attempts.reservations, before);
});

test('when 50 guesses at 50 usernames arrive at once from one address, then 20 are checked and the rest wait, counted under no account', async () => {
  const { hasher, logIn, attempts } = await setup();
  const results = await Promise.all(Array.from({ length: 50 }, (_, i) => logIn.execute(from('203.0.113.7', `guess${i}`, 'wrong'))));
  const outcomes = results.map((result) => result._unsafeUnwrapErr().type);
  assert.is(outcomes.filter((type) => type === 'InvalidCredentials').length, 20);
  assert.is(outcomes.filter((type) => type === 'TooManyAttempts').length, 30);
  assert.is(hasher.verifications, 20);
  const counted = await Promise.all(results.map((_, i) => attempts.failuresSince(accountKey(`guess${i}`), new Date(0))));
  assert.equal(counted.map((failures) => failures.length), outcomes.map((type) => (type === 'InvalidCredentials' ? 1 : 0)));
});

test('when colleagues behind one address log in together, wave after wave, then their successes never use up its room', async () => {
  const { users, logIn, attempts } = await setup();
  const names = Array.from({ length: 20 }, (_, i) => `colleague${i}`);
  for (const username of names) await users.add(aNewUser({ username, passwordHash: 'plain:their password' }));
  for (let wave = 0; wave < 3; wave++) {
    const results = await Promise.all(names.map((username) => logIn.execute(from('192.0.2.1', username, 'their password'))));
    assert.ok(results.every((result) => result.isOk()), `wave ${wave}`);
  }
  assert.equal(await attempts.failuresSince(addressKey('192.0.2.1'), new Date(0)), []);
});

test('when the hasher is too busy, then ServiceBusy with its wait, and the attempt does not count against the account', async () => {
  const users = new InMemoryUserRepository();
  const attempts = new InMemoryLoginAttemptLog();
  const hasher = new PlainTextHasher({ running: 1, waiting: 0 });
  await users.add(aNewUser({ username: 'susan', passwordHash: 'plain:right password' }));
  const logIn = new LogIn(users, hasher, attempts, new FixedClock(), new InMemoryTransactions([users, attempts]));
  const [first, second] = await Promise.all([logIn.execute(from('10.0.0.1', 'susan', 'wrong')), logIn.execute(from('10.0.0.2', 'susan', 'wrong'))]);
  assert.is(first?._unsafeUnwrapErr().type, 'InvalidCredentials');
  const busy = second?._unsafeUnwrapErr();
  assert.is(busy?.type, 'ServiceBusy');
  assert.ok(busy?.type === 'ServiceBusy' && busy.retryAfterMs > 0);
  assert.is((await attempts.failuresSince(accountKey('susan'), new Date(0))).length, 1);
});

/** Still verifies hashes of an older scheme, as a hasher does after its settings were raised. */
class UpgradingHasher extends PlainTextHasher {
  override verify(hash: string, password: string): ResultAsync<boolean, ServiceBusy> {
    return hash === `legacy:${password}` ? okAsync(true) : super.verify(hash, password);
  }
}

async function legacySetup() {
  const users = new InMemoryUserRepository();
  const user = (await users.add(aNewUser({ username: 'susan', passwordHash: 'legacy:old password' })))._unsafeUnwrap();
  const attempts = new InMemoryLoginAttemptLog();
  const userStore = new FaultSwitch<UserRepository>(users);
  const logIn = new LogIn(userStore.port, new UpgradingHasher(), attempts, new FixedClock(), new InMemoryTransactions([users, attempts]));
  return { users, user, attempts, userStore, logIn };
}

test('when the stored hash is outdated, then a successful login replaces it with a current one', async () => {
  const { users, user, logIn } = await legacySetup();
  assert.ok((await logIn.execute(from('10.0.0.1', 'susan', 'old password'))).isOk());
  assert.is((await users.findById(user.id))?.passwordHash, 'plain:old password');
});

test('when storing the upgraded hash fails after the failures were cleared, then the earlier failures still count, this attempt does not, and the old hash stays', async () => {
  const { users, user, attempts, userStore, logIn } = await legacySetup();
  await logIn.execute(from('10.0.0.1', 'susan', 'wrong'));
  userStore.failing = 'updatePasswordHash';
  try {
    await logIn.execute(from('10.0.0.1', 'susan', 'old password'));
    assert.unreachable('the failure must reach the caller');
  } catch (error) {
    assert.instance(error, DatabaseLost);
  }
  assert.is((await attempts.failuresSince(accountKey('susan'), new Date(0))).length, 1);
  assert.is((await attempts.failuresSince(addressKey('10.0.0.1'), new Date(0))).length, 1);
  assert.is((await users.findById(user.id))?.passwordHash, 'legacy:old password');
});

async function failingSetup() {
  const users = new InMemoryUserRepository();
  await users.add(aNewUser({ username: 'susan', passwordHash: 'plain:right password' }));
  const attempts = new InMemoryLoginAttemptLog();
  const userStore = new FaultSwitch<UserRepository>(users);
  const attemptStore = new FaultSwitch<LoginAttemptLog>(attempts);
  const logIn = new LogIn(userStore.port, new PlainTextHasher(), attemptStore.port, new FixedClock(), new InMemoryTransactions([users, attempts]));
  return { attempts, userStore, attemptStore, logIn };
}

async function failureOf(login: ResultAsync<unknown, unknown>): Promise<unknown> {
  try {
    await login;
  } catch (error) {
    return error;
  }
  return assert.unreachable('the failure must reach the caller');
}

test('when the database fails after the attempt was reserved, five times over, then each failure reaches the caller and the owner can still log in', async () => {
  const { attempts, userStore, logIn } = await failingSetup();
  userStore.failing = 'findByUsername';
  for (let i = 0; i < 5; i++) assert.instance(await failureOf(logIn.execute(from('10.0.0.1', 'susan', 'right password'))), DatabaseLost);
  assert.equal(await attempts.failuresSince(accountKey('susan'), new Date(0)), []);
  assert.equal(await attempts.failuresSince(addressKey('10.0.0.1'), new Date(0)), []);
  userStore.failing = null;
  assert.ok((await logIn.execute(from('10.0.0.1', 'susan', 'right password'))).isOk());
});

test('when the database fails while a correct login clears the account, then the attempt is taken back and the earlier failures stay', async () => {
  const { attempts, attemptStore, logIn } = await failingSetup();
  await logIn.execute(from('10.0.0.1', 'susan', 'wrong'));
  attemptStore.failing = 'clear';
  for (let i = 0; i < 5; i++) assert.instance(await failureOf(logIn.execute(from('10.0.0.1', 'susan', 'right password'))), DatabaseLost);
  assert.is((await attempts.failuresSince(accountKey('susan'), new Date(0))).length, 1);
  assert.is((await attempts.failuresSince(addressKey('10.0.0.1'), new Date(0))).length, 1);
});

test('when taking the attempt back fails too, then the first failure is the one that reaches the caller', async () => {
  const { userStore, attemptStore, logIn } = await failingSetup();
  userStore.failing = 'findByUsername';
  attemptStore.failing = 'withdraw';
  const failure = await failureOf(logIn.execute(from('10.0.0.1', 'susan', 'right password')));
  assert.instance(failure, DatabaseLost);
});

test('when the username has a letter that only Unicode folds to ASCII (the Kelvin sign), then InvalidCredentials, and nothing is counted', async () => {
  const { users, hasher, logIn, attempts } = await setup();
  await users.add(aNewUser({ username: 'kim', passwordHash: 'plain:right password' }));
  const result = await logIn.execute(from('10.0.0.1', '\u212Aim', 'right password'));
  assert.ok(result.isErr(), 'not logged in as kim');
  assert.equal(result.error, { type: 'InvalidCredentials' });
  assert.is(hasher.verifications, 0);
  assert.equal(await attempts.failuresSince(addressKey('10.0.0.1'), new Date(0)), []);
  assert.ok((await logIn.execute(from('10.0.0.1', 'KIM', 'right password'))).isOk(), 'ASCII letters still match in any case');
});

test.run();
