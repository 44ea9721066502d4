import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InMemoryUserRepository } from '../../adapters/persistence/in-memory/in-memory-user-repository.js';
import type { PasswordHasher } from '../../domain/ports/password-hasher.js';
import { LogIn } from '../../domain/use-cases/log-in.js';
import { aNewUser } from '../support/builders.js';
import { PlainTextHasher } from '../support/plain-text-hasher.js';

/** Counts verifications, to show an unknown user costs a password check like a known one. */
class CountingHasher extends PlainTextHasher implements PasswordHasher {
  verifications = 0;
  override async verify(hash: string, password: string): Promise<boolean> {
    this.verifications += 1;
    return super.verify(hash, password);
  }
}

async function setup() {
  const users = new InMemoryUserRepository();
  const hasher = new CountingHasher();
  await users.add(aNewUser({ username: 'Susan', passwordHash: await hasher.hash('right password') }));
  return { hasher, logIn: new LogIn(users, hasher) };
}

test('when the password is right, then the user is logged in, whatever the case of the username', async () => {
  const { logIn } = await setup();
  assert.is((await logIn.execute({ username: 'susan', password: 'right password' }))._unsafeUnwrap().username, 'Susan');
});

test('when the password is wrong, then InvalidCredentials', async () => {
  const { logIn } = await setup();
  assert.equal((await logIn.execute({ username: 'Susan', password: 'wrong' }))._unsafeUnwrapErr(), { type: 'InvalidCredentials' });
});

test('when the user is unknown, then the same InvalidCredentials after the same password check', async () => {
  const { hasher, logIn } = await setup();
  const result = await logIn.execute({ username: 'nobody', password: 'whatever' });
  assert.equal(result._unsafeUnwrapErr(), { type: 'InvalidCredentials' });
  assert.is(hasher.verifications, 1);
});

test.run();
