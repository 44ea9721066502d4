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

  test('when attempts are reserved, then they count until the room is used, and a refused one is not recorded', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const room = { key: 'k', since: at(0), limit: 2 };
      assert.ok(await store.attempts.reserve([room], at(1)));
      assert.ok(await store.attempts.reserve([room], at(2)));
      assert.is(await store.attempts.reserve([room], at(3)), null);
      assert.equal(await store.attempts.failuresSince('k', at(0)), [at(1), at(2)]);
      assert.ok(await store.attempts.reserve([{ ...room, since: at(1) }], at(3)), 'an attempt before the window no longer counts');
      assert.ok(await store.attempts.reserve([{ ...room, key: 'other' }], at(3)), 'other keys have their own room');
    });
  });

  test('when an attempt is reserved under several keys, then each counts it, and when one key has no room, none records it', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const account = { key: 'account:susan', since: at(0), limit: 5 };
      const address = { key: 'address:10.0.0.1', since: at(0), limit: 1 };
      assert.is((await store.attempts.reserve([account, address], at(1)))?.length, 2);
      assert.is(await store.attempts.reserve([account, address], at(2)), null);
      assert.equal(await store.attempts.failuresSince('account:susan', at(0)), [at(1)]);
      assert.equal(await store.attempts.failuresSince('address:10.0.0.1', at(0)), [at(1)]);
    });
  });

  test('when many reservations for one key arrive at once, then exactly the room is granted', async ({ store }) => {
    const granted = await Promise.all(Array.from({ length: 30 }, () =>
      store.inUnitOfWork(() => store.attempts.reserve([{ key: 'k', since: at(0), limit: 5 }], at(1)))));
    assert.is(granted.filter((attempt) => attempt !== null).length, 5);
    assert.is((await store.inUnitOfWork(() => store.attempts.failuresSince('k', at(0)))).length, 5);
  });

  test('when many reservations share one key and each has a key of its own, then the shared room decides, and the refused leave nothing under their own', async ({ store }) => {
    const granted = await Promise.all(Array.from({ length: 30 }, (_, i) => store.inUnitOfWork(() =>
      store.attempts.reserve([{ key: `account:guess${i}`, since: at(0), limit: 5 }, { key: 'address:10.0.0.1', since: at(0), limit: 5 }], at(1)))));
    assert.is(granted.filter((attempts) => attempts !== null).length, 5);
    const own = await store.inUnitOfWork(() => Promise.all(granted.map((_, i) => store.attempts.failuresSince(`account:guess${i}`, at(0)))));
    assert.equal(own.map((failures) => failures.length), granted.map((attempts) => (attempts === null ? 0 : 1)));
    assert.is((await store.inUnitOfWork(() => store.attempts.failuresSince('address:10.0.0.1', at(0)))).length, 5);
  });

  test('when attempts are a day old, then the next attempt under the key clears them, and other keys keep theirs', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const dayLater = new Date(at(0).getTime() + 25 * 60 * 60_000);
      const room = { key: 'k', since: at(0), limit: 5 };
      await store.attempts.recordFailure(['k', 'other'], at(0));
      await store.attempts.reserve([room], at(1));
      await store.attempts.reserve([room], dayLater);
      assert.equal(await store.attempts.failuresSince('k', new Date(0)), [dayLater]);
      assert.equal(await store.attempts.failuresSince('other', new Date(0)), [at(0)]);
    });
  });

  test('when reserved attempts are withdrawn, then they stop counting under every key, and the others stay', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const rooms = [{ key: 'account:susan', since: at(0), limit: 5 }, { key: 'address:10.0.0.1', since: at(0), limit: 5 }];
      const first = await store.attempts.reserve(rooms, at(1));
      const second = await store.attempts.reserve(rooms, at(2));
      if (!first || !second) throw new Error('both attempts should have had room');
      await store.attempts.withdraw(second);
      assert.equal(await store.attempts.failuresSince('account:susan', at(0)), [at(1)]);
      assert.equal(await store.attempts.failuresSince('address:10.0.0.1', at(0)), [at(1)]);
    });
  });

  test.run();
}
