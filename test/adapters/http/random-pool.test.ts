import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RandomPool } from '../../../adapters/http/random-pool.js';

test('when strings are taken past several refills, then each has its bytes and none repeats', () => {
  const pool = new RandomPool(32, 4);
  const taken = Array.from({ length: 50 }, () => pool.next());
  for (const text of taken) assert.is(Buffer.from(text, 'base64url').length, 32);
  assert.is(new Set(taken).size, taken.length);
});

test('when two pools are used side by side, then they hand out different strings', () => {
  const [a, b] = [new RandomPool(8, 16), new RandomPool(8, 16)];
  const fromA = new Set(Array.from({ length: 16 }, () => a.next()));
  assert.ok(Array.from({ length: 16 }, () => b.next()).every((text) => !fromA.has(text)));
});

test.run();
