import { err, ok } from 'neverthrow';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { SessionRepository } from '../../domain/ports/session-repository.js';
import type { Transactions } from '../../domain/ports/transactions.js';
import type { UserRepository } from '../../domain/ports/user-repository.js';
import { aNewUser } from '../support/builders.js';
import { runAsync } from '../support/result-of.js';

export type TransactionStore = Readonly<{
  transactions: Transactions;
  users: UserRepository;
  sessions: SessionRepository;
  inUnitOfWork: <T>(work: () => Promise<T>) => Promise<T>;
  close: () => Promise<void>;
}>;

class InjectedFailure extends Error {}

export function transactionsContract(name: string, open: () => Promise<TransactionStore>): void {
  const test = suite<{ store: TransactionStore }>(`Transactions contract: ${name}`, {} as { store: TransactionStore });
  test.before.each(async (context) => { context.store = await open(); });
  test.after.each(async ({ store }) => { await store.close(); });

  /** Adds a user, opens a session for them and renames them: three writes to two stores. */
  async function writeThrice({ users, sessions }: TransactionStore, username: string) {
    const user = (await users.add(aNewUser({ username })))._unsafeUnwrap();
    const now = new Date('2026-05-01T10:00:00Z');
    const token = await sessions.create({ userId: user.id, createdAt: now, lastActiveAt: now, rememberMe: false });
    (await users.updateProfile(user.id, { username: `${username}-renamed`, aboutMe: 'written in the transaction' }))._unsafeUnwrap();
    return { user, token };
  }

  test('when the work returns ok, then every write in it is kept', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const written = (await runAsync(store.transactions, async () => ok(await writeThrice(store, 'kept'))))._unsafeUnwrap();
      assert.is((await store.users.findById(written.user.id))?.username, 'kept-renamed');
      assert.is((await store.sessions.find(written.token))?.user.id, written.user.id);
    });
  });

  test('when the work reads what it wrote, then it sees its own writes before they are kept', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const seen = (await runAsync(store.transactions, async () => {
        const { user, token } = await writeThrice(store, 'reader');
        return ok({ found: await store.sessions.find(token), byName: await store.users.findByUsername('reader-renamed'), byId: await store.users.findById(user.id) });
      }))._unsafeUnwrap();
      assert.is(seen.found?.user.username, 'reader-renamed');
      assert.is(seen.found?.user.aboutMe, 'written in the transaction');
      assert.is(seen.byName?.id, seen.found?.user.id);
      assert.is(seen.byId?.username, 'reader-renamed');
    });
  });

  test('when the work returns an error after writing, then that error comes back and none of its writes is kept', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      let token = '';
      const result = await runAsync(store.transactions, async () => {
        token = (await writeThrice(store, 'refused')).token;
        return err('refused after three writes');
      });
      assert.equal(result._unsafeUnwrapErr(), 'refused after three writes');
      assert.is(await store.users.findByUsername('refused'), null);
      assert.is(await store.users.findByUsername('refused-renamed'), null);
      assert.is(await store.sessions.find(token), null);
    });
  });

  test('when the work throws after its first write, then the exception goes on and none of its writes is kept', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const failure = new InjectedFailure('the database went away');
      try {
        await runAsync(store.transactions, async () => {
          (await store.users.add(aNewUser({ username: 'half-done' })))._unsafeUnwrap();
          throw failure;
        });
        assert.unreachable('the failure must reach the caller');
      } catch (error) {
        assert.is(error, failure);
      }
      assert.is(await store.users.findByUsername('half-done'), null);
    });
  });

  test('when the work reads what it wrote, then it sees it', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const seen = await runAsync(store.transactions, async () => {
        const { user, token } = await writeThrice(store, 'reader');
        return ok({ user: await store.users.findById(user.id), session: await store.sessions.find(token) });
      });
      assert.is(seen._unsafeUnwrap().user?.username, 'reader-renamed');
      assert.ok(seen._unsafeUnwrap().session);
    });
  });

  test('when a write in the work breaks a unique index, then it is the domain outcome and the work goes on', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      await store.users.add(aNewUser({ username: 'taken' }));
      const result = await runAsync(store.transactions, async () => {
        const clash = await store.users.add(aNewUser({ username: 'TAKEN' }));
        const other = (await store.users.add(aNewUser({ username: 'free' })))._unsafeUnwrap();
        return ok({ clash, other });
      });
      assert.is(result._unsafeUnwrap().clash._unsafeUnwrapErr().type, 'UsernameTaken');
      assert.ok(await store.users.findByUsername('free'));
    });
  });

  test('when twenty transactions that read before they write run at once, then every one is kept', async ({ store }) => {
    const names = Array.from({ length: 20 }, (_, i) => `racer${i}`);
    const results = await Promise.all(names.map((username) => store.inUnitOfWork(async () => runAsync(store.transactions, async () => {
      if (await store.users.findByUsername(username)) return err('taken');
      return ok(await writeThrice(store, username));
    }))));
    assert.ok(results.every((result) => result.isOk()));
    await store.inUnitOfWork(async () => {
      for (const username of names) assert.ok(await store.users.findByUsername(`${username}-renamed`), username);
    });
  });

  test.run();
}
