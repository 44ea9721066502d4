import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { OWASP_SCRYPT_COST, ScryptPasswordHasher } from '../../adapters/security/scrypt-password-hasher.js';
import { FAST_SCRYPT_COST } from '../support/fast-scrypt.js';

test('when hashing with OWASP parameters, then the hash records them and verifies', async () => {
  const hasher = new ScryptPasswordHasher(OWASP_SCRYPT_COST);
  const hash = (await hasher.hash('a passphrase'))._unsafeUnwrap();
  assert.match(hash, /^scrypt\$131072\$8\$1\$/);
  assert.ok((await hasher.verify(hash, 'a passphrase'))._unsafeUnwrap());
});

test('when the cost is raised, then hashes made with the old cost still verify', async () => {
  const old = (await new ScryptPasswordHasher(FAST_SCRYPT_COST).hash('a passphrase'))._unsafeUnwrap();
  assert.ok((await new ScryptPasswordHasher({ N: 2 ** 12, r: 8, p: 1 }).verify(old, 'a passphrase'))._unsafeUnwrap());
});

test('when the cost is raised, then old hashes need a rehash and new ones do not', async () => {
  const old = (await new ScryptPasswordHasher(FAST_SCRYPT_COST).hash('a passphrase'))._unsafeUnwrap();
  const stronger = new ScryptPasswordHasher({ N: 2 ** 12, r: 8, p: 1 });
  assert.ok(stronger.needsRehash(old));
  assert.not.ok(stronger.needsRehash((await stronger.hash('a passphrase'))._unsafeUnwrap()));
});

test('when the same password is hashed twice, then the salts differ', async () => {
  const hasher = new ScryptPasswordHasher(FAST_SCRYPT_COST);
  assert.is.not((await hasher.hash('same'))._unsafeUnwrap(), (await hasher.hash('same'))._unsafeUnwrap());
});

test.run();
