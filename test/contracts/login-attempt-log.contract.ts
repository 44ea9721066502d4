import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { LoginAttemptLog } from '../../domain/ports/login-attempt-log.js';

export type AttemptStore = Readonly<{
  attempts: LoginAttemptLog;
  inUnitOfWork: <T>(work: () => Promise<T>) => Promise<T>;
  close: () => Promise<void>;
}>;

const at = (minute: number) => new Date(Date.UTC(2026, 4, 1, 10, minute));

export function loginAttemptLogContract(name: string, open: () => Promise<AttemptStore>): void {
  const test = suite<{ store: AttemptStore }>(`LoginAttemptLog contract: ${name}`, {} as { store: AttemptStore });
  test.before.each(async (context) => { context.store = await open(); });
  test.after.each(async ({ store }) => { await store.close(); });

  test('when failures are recorded under several keys, then each key counts them, oldest first', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      await store.attempts.recordFailure(['account:susan', 'address:10.0.0.1'], at(5));
      await store.attempts.recordFailure(['account:susan', 'address:10.0.0.2'], at(1));
      assert.equal(await store.attempts.failuresSince('account:susan', at(0)), [at(1), at(5)]);
      assert.equal(await store.attempts.failuresSince('address:10.0.0.1', at(0)), [at(5)]);
      assert.equal(await store.attempts.failuresSince('account:john', at(0)), []);
    });
  });

  test('when asking since a time, then only later failures count', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      for (const minute of [1, 2, 3, 4]) await store.attempts.recordFailure(['k'], at(minute));
      assert.equal(await store.attempts.failuresSince('k', at(2)), [at(3), at(4)]);
    });
  });

  test('when a key is cleared, then its failures are gone and other keys keep theirs', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      await store.attempts.recordFailure(['a', 'b'], at(1));
      await store.attempts.clear('a');
      assert.equal(await store.attempts.failuresSince('a', at(0)), []);
      assert.equal(await store.attempts.failuresSince('b', at(0)), [at(1)]);
    });
  });

  test.run();
}
