import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InMemoryUserRepository } from '../../adapters/persistence/in-memory/in-memory-user-repository.js';
import { RegisterUser } from '../../domain/use-cases/register-user.js';
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

test('when the username is taken in another case, then UsernameTaken', async () => {
  const { registerUser } = setup();
  await registerUser.execute(valid);
  const result = await registerUser.execute({ ...valid, username: 'SUSAN', email: 'other@example.com' });
  assert.equal(result._unsafeUnwrapErr(), { type: 'UsernameTaken', username: 'SUSAN' });
});

test('when the email is taken in another case, then EmailTaken', async () => {
  const { registerUser } = setup();
  await registerUser.execute(valid);
  const result = await registerUser.execute({ ...valid, username: 'other', email: 'SUSAN@example.COM' });
  assert.equal(result._unsafeUnwrapErr(), { type: 'EmailTaken', email: 'susan@example.com' });
});

test('when the username is empty, too long or has odd characters, then UsernameInvalid says which', async () => {
  const { registerUser } = setup();
  const problemOf = async (username: string) => {
    const error = (await registerUser.execute({ ...valid, username }))._unsafeUnwrapErr();
    return error.type === 'UsernameInvalid' ? error.problem : error.type;
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
    assert.is((await registerUser.execute({ ...valid, email }))._unsafeUnwrapErr().type, 'EmailInvalid', email);
  }
});

test('when the password is shorter than 8 characters, then PasswordTooShort with the minimum', async () => {
  const { registerUser } = setup();
  const result = await registerUser.execute({ ...valid, password: 'short' });
  assert.equal(result._unsafeUnwrapErr(), { type: 'PasswordTooShort', minLength: 8 });
});

test('when registration fails, then nothing is stored', async () => {
  const { users, registerUser } = setup();
  await registerUser.execute({ ...valid, password: 'short' });
  assert.is(await users.findByUsername('susan'), null);
});

test.run();
