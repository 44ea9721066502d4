import Keygrip from 'keygrip';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CookieSigner } from '../../../adapters/http/cookie-signer.js';

const NEW_KEY = 'a-new-key-of-at-least-thirty-two-characters';
const OLD_KEY = 'an-old-key-of-at-least-thirty-two-characters';
const DATA = 'microblog_session=eyJ0b2tlbiI6ImFiYyJ9';

test('when it signs, then the signature is the one keygrip makes with the newest key', () => {
  assert.is(new CookieSigner([NEW_KEY, OLD_KEY]).sign(DATA), new Keygrip([NEW_KEY]).sign(DATA));
});

test('when a cookie was signed with a former key, then its index names that key', () => {
  const signer = new CookieSigner([NEW_KEY, OLD_KEY]);
  assert.is(signer.index(DATA, new Keygrip([OLD_KEY]).sign(DATA)), 1);
  assert.is(signer.index(DATA, new Keygrip([NEW_KEY]).sign(DATA)), 0);
  assert.ok(signer.verify(DATA, new Keygrip([OLD_KEY]).sign(DATA)));
});

test('when the data, the signature or the key differ, then nothing verifies', () => {
  const signer = new CookieSigner([NEW_KEY]);
  const signature = signer.sign(DATA);
  assert.is(signer.index(`${DATA}x`, signature), -1);
  assert.is(signer.index(DATA, `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`), -1);
  assert.is(signer.index(DATA, signature.slice(1)), -1, 'a shorter signature');
  assert.is(signer.index(DATA, ''), -1);
  assert.is(new CookieSigner(['some-other-key-of-thirty-two-characters!']).index(DATA, signature), -1);
});

test('when no key is given, then it refuses to be built', () => {
  assert.throws(() => new CookieSigner([]), /at least one key/);
});

test.run();
