import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import type { PasswordHasher } from '../../domain/ports/password-hasher.js';

/** How much work a hasher takes at once, for the contract to fill it. */
export type HasherLimits = Readonly<{ running: number; waiting: number }>;

/** What every PasswordHasher must do, the fake of the domain tests included. */
export function passwordHasherContract(name: string, makeHasher: (limits?: HasherLimits) => PasswordHasher): void {
  const test = suite(`PasswordHasher contract: ${name}`);

  const hashOf = async (hasher: PasswordHasher, password: string) => (await hasher.hash(password))._unsafeUnwrap();
  const verifies = async (hasher: PasswordHasher, hash: string, password: string) => (await hasher.verify(hash, password))._unsafeUnwrap();

  test('when a password is hashed, then the hash verifies that password and no other', async () => {
    const hasher = makeHasher();
    const hash = await hashOf(hasher, 'correct horse battery staple');
    assert.ok(await verifies(hasher, hash, 'correct horse battery staple'));
    assert.not.ok(await verifies(hasher, hash, 'correct horse battery stapl'));
    assert.not.ok(await verifies(hasher, hash, ''));
  });

  test('when a hash is malformed, then it verifies nothing rather than throwing', async () => {
    const hasher = makeHasher();
    assert.not.ok(await verifies(hasher, 'not a hash', 'not a hash'));
    assert.not.ok(await verifies(hasher, '', ''));
  });

  test('when a very long passphrase is hashed, then nothing beyond any length is ignored', async () => {
    const hasher = makeHasher();
    const long = 'x'.repeat(500);
    const hash = await hashOf(hasher, long);
    assert.ok(await verifies(hasher, hash, long));
    assert.not.ok(await verifies(hasher, hash, `${long}y`));
  });

  test('when a hash was just made, then it needs no rehash; a foreign or malformed one does', async () => {
    const hasher = makeHasher();
    assert.not.ok(hasher.needsRehash(await hashOf(hasher, 'fresh password')));
    assert.ok(hasher.needsRehash('not a hash'));
  });

  test('when more arrive at once than run and wait, then the rest are refused as busy with a wait, and the others all finish', async () => {
    const hasher = makeHasher({ running: 1, waiting: 2 });
    const hash = await hashOf(hasher, 'password');
    const calls = [hasher.hash('a'), hasher.verify(hash, 'password'), hasher.hash('b'), hasher.verify(hash, 'password'), hasher.hash('c')];
    const results = await Promise.all(calls);
    assert.equal(results.map((result) => result.isOk()), [true, true, true, false, false]);
    for (const refused of results.slice(3)) {
      const busy = refused._unsafeUnwrapErr();
      assert.is(busy.type, 'ServiceBusy');
      assert.ok(busy.retryAfterMs > 0, 'says how long to wait');
    }
    assert.ok(await verifies(hasher, hash, 'password'), 'takes work again once the line has cleared');
  });

  test.run();
}
