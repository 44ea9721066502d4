import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import type { PasswordHasher } from '../../domain/ports/password-hasher.js';

/** What every PasswordHasher must do, the fake of the domain tests included. */
export function passwordHasherContract(name: string, makeHasher: () => PasswordHasher): void {
  const test = suite(`PasswordHasher contract: ${name}`);

  test('when a password is hashed, then the hash verifies that password and no other', async () => {
    const hasher = makeHasher();
    const hash = await hasher.hash('correct horse battery staple');
    assert.ok(await hasher.verify(hash, 'correct horse battery staple'));
    assert.not.ok(await hasher.verify(hash, 'correct horse battery stapl'));
    assert.not.ok(await hasher.verify(hash, ''));
  });

  test('when a hash is malformed, then it verifies nothing rather than throwing', async () => {
    const hasher = makeHasher();
    assert.not.ok(await hasher.verify('not a hash', 'not a hash'));
    assert.not.ok(await hasher.verify('', ''));
  });

  test('when a very long passphrase is hashed, then nothing beyond any length is ignored', async () => {
    const hasher = makeHasher();
    const long = 'x'.repeat(500);
    const hash = await hasher.hash(long);
    assert.ok(await hasher.verify(hash, long));
    assert.not.ok(await hasher.verify(hash, `${long}y`));
  });

  test('when a hash was just made, then it needs no rehash; a foreign or malformed one does', async () => {
    const hasher = makeHasher();
    assert.not.ok(hasher.needsRehash(await hasher.hash('fresh password')));
    assert.ok(hasher.needsRehash('not a hash'));
  });

  test.run();
}
