import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConcurrencyGate } from '../../adapters/security/concurrency-gate.js';
import { ScryptPasswordHasher } from '../../adapters/security/scrypt-password-hasher.js';
import { FAST_SCRYPT_COST } from '../support/fast-scrypt.js';

/** A task that runs until the test lets it finish. */
function heldTask(started: string[], name: string): { run: () => Promise<string>; finish: () => void } {
  let finish = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return {
    run: async () => {
      started.push(name);
      await done;
      return name;
    },
    finish: () => finish(),
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('when more tasks arrive than the limit, then the rest wait and start in arrival order as places free up', async () => {
  const gate = new ConcurrencyGate(2);
  const started: string[] = [];
  const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((name) => heldTask(started, name));
  if (!a || !b || !c || !d) throw new Error('four tasks expected');
  const results = [a, b, c, d].map((task) => gate.run(task.run));
  await settle();
  assert.equal(started, ['a', 'b']);
  assert.is(gate.waiting, 2);
  b.finish();
  await settle();
  assert.equal(started, ['a', 'b', 'c']);
  a.finish();
  c.finish();
  await settle();
  d.finish();
  assert.equal(await Promise.all(results), ['a', 'b', 'c', 'd']);
  assert.is(gate.waiting, 0);
});

test('when a task fails, then its place goes to the next one and the failure reaches its caller', async () => {
  const gate = new ConcurrencyGate(1);
  const failing = gate.run(async () => {
    throw new Error('boom');
  });
  const next = gate.run(async () => 'next ran');
  const failure = await failing.then(() => null, (error: unknown) => error);
  assert.instance(failure, Error);
  assert.match((failure as Error).message, 'boom');
  assert.is(await next, 'next ran');
});

test('when the limit is not a positive whole number, then the gate refuses it', () => {
  assert.throws(() => new ConcurrencyGate(0), /positive whole number/);
});

test('when many passwords are hashed at once through a narrow gate, then every hash still verifies', async () => {
  const hasher = new ScryptPasswordHasher(FAST_SCRYPT_COST, 1);
  const passwords = ['one', 'two', 'three', 'four', 'five', 'six'];
  const hashes = await Promise.all(passwords.map((password) => hasher.hash(password)));
  const checks = await Promise.all(hashes.map((hash, index) => hasher.verify(hash, passwords[index] ?? '')));
  assert.equal(checks, passwords.map(() => true));
});

test.run();
