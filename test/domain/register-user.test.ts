import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InMemoryUserRepository } from '../../adapters/persistence/in-memory/in-memory-user-repository.js';
import type { ResultAsync } from 'neverthrow';
import { RegisterUser, type RegisterUserError } from '../../domain/use-cases/register-user.js';
import { FixedClock } from '../support/fixed-clock.js';
import { PlainTextHasher } from '../support/plain-text-hasher.js';

function setup() {
  const users = new InMemoryUserRepository();
  const clock = new FixedClock();
  return { users, clock, registerUser: new RegisterUser(users, new PlainTextHasher(), clock) };
}

const valid = { username: 'susan', email: 'Susan@Example.com', password: 'long enough' };

test('when the registration is valid, then the user is stored with a hashed password and canonical email', async () => {
  const { users, clock, registerUser } = setup();
  const user = (await registerUser.execute(valid))._unsafeUnwrap();
  const stored = await users.findById(user.id);
  assert.is(stored?.username, 'susan');
  assert.is(stored?.email, 'susan@example.com');
  assert.is(stored?.passwordHash, 'plain:long enough');
  assert.equal(stored?.lastSeen, clock.now());
});

const problemsOf = async (result: ResultAsync<unknown, RegisterUserError>) => {
  const error = (await result)._unsafeUnwrapErr();
  if (error.type !== 'FieldsRejected') throw new Error(`expected the fields to be rejected, not ${error.type}`);
  return error.problems;
};

test('when the username is taken in another case, then UsernameTaken', async () => {
  const { registerUser } = setup();
  await registerUser.execute(valid);
  const problems = await problemsOf(registerUser.execute({ ...valid, username: 'SUSAN', email: 'other@example.com' }));
  assert.equal(problems, [{ type: 'UsernameTaken', field: 'username', username: 'SUSAN' }]);
});

test('when the email is taken in another case, then EmailTaken', async () => {
  const { registerUser } = setup();
  await registerUser.execute(valid);
  const problems = await problemsOf(registerUser.execute({ ...valid, username: 'other', email: 'SUSAN@example.COM' }));
  assert.equal(problems, [{ type: 'EmailTaken', field: 'email', email: 'susan@example.com' }]);
});

test('when the username and the email are both taken, then both problems come at once', async () => {
  const { registerUser } = setup();
  await registerUser.execute(valid);
  const problems = await problemsOf(registerUser.execute(valid));
  assert.equal(problems.map((problem) => problem.type), ['UsernameTaken', 'EmailTaken']);
});

test('when every field is wrong, then every problem comes at once, each naming its field', async () => {
  const { registerUser } = setup();
  await registerUser.execute(valid);
  const problems = await problemsOf(registerUser.execute({ username: 'Susan', email: 'not-an-address', password: 'short' }));
  assert.equal(problems.map((problem) => [problem.field, problem.type]), [
    ['username', 'UsernameTaken'], ['email', 'EmailInvalid'], ['password', 'PasswordTooShort'],
  ]);
});

test('when only checking, then every problem is found and nobody is registered', async () => {
  const { users, registerUser } = setup();
  await registerUser.execute(valid);
  const problems = (await registerUser.check({ username: 'SUSAN', email: 'susan@example.com', password: '' }))._unsafeUnwrapErr().problems;
  assert.equal(problems.map((problem) => problem.type), ['UsernameTaken', 'EmailTaken', 'PasswordTooShort']);
  assert.ok((await registerUser.check({ ...valid, username: 'new', email: 'new@example.com' })).isOk());
  assert.is(await users.findByUsername('new'), null);
});

test('when the username is empty, too long or has odd characters, then UsernameInvalid says which', async () => {
  const { registerUser } = setup();
  const problemOf = async (username: string) => {
    const [problem] = await problemsOf(registerUser.execute({ ...valid, username }));
    return problem?.type === 'UsernameInvalid' ? problem.problem : problem?.type;
  };
  assert.is(await problemOf('   '), 'missing');
  assert.is(await problemOf('a'.repeat(65)), 'too-long');
  assert.is(await problemOf('has space'), 'bad-characters');
  assert.is(await problemOf('new\nline'), 'bad-characters');
  assert.is(await problemOf('<script>'), 'bad-characters');
});

test('when the email is not an address, then EmailInvalid', async () => {
  const { registerUser } = setup();
  for (const email of ['plain', 'a@b', '@example.com', 'a b@example.com', `${'a'.repeat(120)}@example.com`]) {
    assert.equal(await problemsOf(registerUser.execute({ ...valid, email })), [{ type: 'EmailInvalid', field: 'email', maxLength: 120 }], email);
  }
});

test('when the password is shorter than 8 characters, then PasswordTooShort with the minimum', async () => {
  const { registerUser } = setup();
  const problems = await problemsOf(registerUser.execute({ ...valid, password: 'short' }));
  assert.equal(problems, [{ type: 'PasswordTooShort', field: 'password', minLength: 8 }]);
});

test('when registration fails, then nothing is stored', async () => {
  const { users, registerUser } = setup();
  await registerUser.execute({ ...valid, password: 'short' });
  assert.is(await users.findByUsername('susan'), null);
});

test.run();
