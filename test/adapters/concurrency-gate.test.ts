import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConcurrencyGate } from '../../adapters/security/concurrency-gate.js';
import { defaultHashingLimits, ScryptPasswordHasher } from '../../adapters/security/scrypt-password-hasher.js';
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
  const gate = new ConcurrencyGate({ running: 2, waiting: 10 });
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
  assert.equal((await Promise.all(results)).map((result) => result._unsafeUnwrap()), ['a', 'b', 'c', 'd']);
  assert.is(gate.waiting, 0);
});

test('when a task fails, then its place goes to the next one and the failure reaches its caller', async () => {
  const gate = new ConcurrencyGate({ running: 1, waiting: 1 });
  const failing = gate.run(async () => {
    throw new Error('boom');
  });
  const next = gate.run(async () => 'next ran');
  const failure = await failing.then(() => null, (error: unknown) => error);
  assert.instance(failure, Error);
  assert.match((failure as Error).message, 'boom');
  assert.is((await next)._unsafeUnwrap(), 'next ran');
});

test('when the line is full, then a task is refused at once with the time the line needs, and runs once there is room', async () => {
  const gate = new ConcurrencyGate({ running: 2, waiting: 2 });
  const started: string[] = [];
  const tasks = ['a', 'b', 'c', 'd'].map((name) => heldTask(started, name));
  const results = tasks.map((task) => gate.run(task.run));
  const refused = await gate.run(async () => 'e');
  // Four tasks in the gate, two at a time: two rounds of the first guess at a task's length.
  assert.equal(refused._unsafeUnwrapErr(), { retryAfterMs: 1000 });
  assert.not.ok(started.includes('e'));
  for (const task of tasks) task.finish();
  await Promise.all(results);
  assert.is((await gate.run(async () => 'e'))._unsafeUnwrap(), 'e');
});

test('when tasks have been timed, then the wait given is from their measured length', async () => {
  const gate = new ConcurrencyGate({ running: 1, waiting: 0 });
  for (let i = 0; i < 30; i++) await gate.run(async () => {});
  const held = heldTask([], 'held');
  const running = gate.run(held.run);
  const refused = (await gate.run(async () => 'late'))._unsafeUnwrapErr();
  assert.ok(refused.retryAfterMs < 100, `instant tasks should give a short wait, not ${refused.retryAfterMs} ms`);
  held.finish();
  await running;
});

test('when the limits are not whole numbers in range, then the gate refuses them', () => {
  assert.throws(() => new ConcurrencyGate({ running: 0, waiting: 1 }), /positive whole number/);
  assert.throws(() => new ConcurrencyGate({ running: 1, waiting: -1 }), /whole number of tasks/);
});

test('when the machine has few or many cores, then hashing takes one per core and always leaves two threads of the pool free', () => {
  assert.equal(defaultHashingLimits(2, 4), { running: 2, waiting: 64 });
  assert.equal(defaultHashingLimits(16, 4), { running: 2, waiting: 64 });
  assert.equal(defaultHashingLimits(16, 10), { running: 8, waiting: 256 });
  assert.equal(defaultHashingLimits(1, 4), { running: 1, waiting: 32 });
  assert.equal(defaultHashingLimits(8, 2), { running: 1, waiting: 32 });
});

test('when many passwords are hashed at once through a narrow gate, then every hash still verifies', async () => {
  const hasher = new ScryptPasswordHasher(FAST_SCRYPT_COST, { running: 1, waiting: 10 });
  const passwords = ['one', 'two', 'three', 'four', 'five', 'six'];
  const hashes = (await Promise.all(passwords.map((password) => hasher.hash(password)))).map((hash) => hash._unsafeUnwrap());
  const checks = (await Promise.all(hashes.map((hash, index) => hasher.verify(hash, passwords[index] ?? '')))).map((check) => check._unsafeUnwrap());
  assert.equal(checks, passwords.map(() => true));
});

test.run();
