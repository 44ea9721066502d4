import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aNewUser } from '../support/builders.js';
import type { UserStore } from '../support/user-store.js';

/** What every UserRepository must do; run against the in-memory fake and each database adapter. */
export function userRepositoryContract(name: string, openStore: () => Promise<UserStore>): void {
  const test = suite<{ store: UserStore }>(`UserRepository contract: ${name}`, {} as { store: UserStore });
  test.before.each(async (context) => { context.store = await openStore(); });
  test.after.each(async (context) => { await context.store.close(); });

  test('when a user is added, then it can be found by id, username and email', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const added = (await store.users.add(aNewUser({ username: 'Susan', email: 'susan@example.com' })))._unsafeUnwrap();
      assert.type(added.id, 'number');
      assert.is((await store.users.findById(added.id))?.username, 'Susan');
      assert.is((await store.users.findByUsername('Susan'))?.id, added.id);
      assert.is((await store.users.findByEmail('susan@example.com'))?.id, added.id);
      assert.is((await store.users.findById(added.id))?.aboutMe, '');
    });
  });

  test('when a user chooses a language, then every lookup reads it back; a new user has none', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const added = (await store.users.add(aNewUser({ username: 'Susan', email: 'susan@example.com' })))._unsafeUnwrap();
      assert.is(added.language, null);
      assert.is((await store.users.findById(added.id))?.language, null);
      await store.users.updateLanguage(added.id, 'es');
      assert.is((await store.users.findById(added.id))?.language, 'es');
      assert.is((await store.users.findByUsername('susan'))?.language, 'es');
      assert.is((await store.users.findByEmail('susan@example.com'))?.language, 'es');
    });
  });

  test('when looking a username up in another case, then the same user is found', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const added = (await store.users.add(aNewUser({ username: 'Susan' })))._unsafeUnwrap();
      assert.is((await store.users.findByUsername('SUSAN'))?.id, added.id);
      assert.is((await store.users.findByUsername('susan'))?.username, 'Susan');
    });
  });

  test('when a name has an I, then it is found and taken in either case, whatever the database locale', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const added = (await store.users.add(aNewUser({ username: 'KIM' })))._unsafeUnwrap();
      assert.is((await store.users.findByUsername('kim'))?.id, added.id);
      const again = await store.users.add(aNewUser({ username: 'kim' }));
      assert.ok(again.isErr() && again.error.type === 'UsernameTaken', 'kim is the same name as KIM');
    });
  });

  test('when a name differs from a user only by a letter Unicode folds to ASCII (the Kelvin sign), then nobody is found', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      await store.users.add(aNewUser({ username: 'kim' }));
      assert.is(await store.users.findByUsername('\u212Aim'), null);
    });
  });

  test('when nobody has the id, username or email, then nothing is found', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      assert.is(await store.users.findById(987654), null);
      assert.is(await store.users.findByUsername('nobody'), null);
      assert.is(await store.users.findByEmail('nobody@example.com'), null);
    });
  });

  test('when a username is taken in any case, then adding it again gives UsernameTaken', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      await store.users.add(aNewUser({ username: 'john' }));
      const result = await store.users.add(aNewUser({ username: 'JOHN' }));
      assert.equal(result._unsafeUnwrapErr(), { type: 'UsernameTaken', field: 'username', username: 'JOHN' });
    });
  });

  test('when an email is taken, then adding it again gives EmailTaken', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      await store.users.add(aNewUser({ email: 'same@example.com' }));
      const result = await store.users.add(aNewUser({ email: 'same@example.com' }));
      assert.equal(result._unsafeUnwrapErr(), { type: 'EmailTaken', field: 'email', email: 'same@example.com' });
    });
  });

  test('when a profile is updated, then the new username and about-me are stored', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const user = (await store.users.add(aNewUser({ username: 'old' })))._unsafeUnwrap();
      const updated = (await store.users.updateProfile(user.id, { username: 'New', aboutMe: 'Hello <b>there</b>' }))._unsafeUnwrap();
      assert.is(updated.username, 'New');
      const stored = await store.users.findById(user.id);
      assert.is(stored?.username, 'New');
      assert.is(stored?.aboutMe, 'Hello <b>there</b>');
      assert.is(await store.users.findByUsername('old'), null);
    });
  });

  test('when a user only changes the case of their own username, then it is allowed', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const user = (await store.users.add(aNewUser({ username: 'miguel' })))._unsafeUnwrap();
      const updated = await store.users.updateProfile(user.id, { username: 'Miguel', aboutMe: '' });
      assert.is(updated._unsafeUnwrap().username, 'Miguel');
    });
  });

  test("when renaming to another user's name, then UsernameTaken and nothing changes", async ({ store }) => {
    await store.inUnitOfWork(async () => {
      await store.users.add(aNewUser({ username: 'taken' }));
      const user = (await store.users.add(aNewUser({ username: 'mine' })))._unsafeUnwrap();
      const result = await store.users.updateProfile(user.id, { username: 'Taken', aboutMe: 'changed' });
      assert.equal(result._unsafeUnwrapErr(), { type: 'UsernameTaken', field: 'username', username: 'Taken' });
      const stored = await store.users.findById(user.id);
      assert.is(stored?.username, 'mine');
      assert.is(stored?.aboutMe, '');
    });
  });

  test('when updating a user that does not exist, then UserNotFound', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const result = await store.users.updateProfile(424242, { username: 'ghost', aboutMe: '' });
      assert.equal(result._unsafeUnwrapErr(), { type: 'UserNotFound' });
    });
  });

  test('when last seen is recorded, then the stored time is that time', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const user = (await store.users.add(aNewUser()))._unsafeUnwrap();
      const at = new Date('2026-03-04T05:06:07.000Z');
      await store.users.recordLastSeen(user.id, at);
      assert.is((await store.users.findById(user.id))?.lastSeen?.toISOString(), at.toISOString());
    });
  });

  test('when the password hash is replaced, then the new one is stored', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const user = (await store.users.add(aNewUser({ passwordHash: 'old-hash' })))._unsafeUnwrap();
      await store.users.updatePasswordHash(user.id, 'new-hash');
      assert.is((await store.users.findById(user.id))?.passwordHash, 'new-hash');
    });
  });

  test('when a found user is mutated, then what is stored does not change', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const user = (await store.users.add(aNewUser({ username: 'stable' })))._unsafeUnwrap();
      const found = await store.users.findById(user.id);
      // The type forbids it; a careless caller in plain JavaScript could still do it.
      if (found) Object.assign(found, { username: 'mutated' });
    });
    await store.inUnitOfWork(async () => {
      assert.ok(await store.users.findByUsername('stable'));
    });
  });

  test('when listing users, then oldest account first, cut by offset and limit, and counted', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      assert.equal(await store.users.list(0, 10), []);
      assert.is(await store.users.count(), 0);
      const added = [];
      for (const username of ['carol', 'alice', 'bob']) added.push((await store.users.add(aNewUser({ username })))._unsafeUnwrap());
      assert.equal((await store.users.list(0, 10)).map((user) => user.username), ['carol', 'alice', 'bob']);
      assert.equal((await store.users.list(1, 1)).map((user) => user.id), [added[1]?.id]);
      assert.equal(await store.users.list(3, 10), []);
      assert.is(await store.users.count(), 3);
      assert.equal((await store.users.list(0, 1))[0], await store.users.findById(added[0]?.id ?? 0), 'listed users carry every field');
    });
  });

  test('when 20 requests add the same username at once, then exactly one wins', async ({ store }) => {
    const attempts = Array.from({ length: 20 }, (_, i) =>
      store.inUnitOfWork(async () => store.users.add(aNewUser({ username: 'Popular', email: `racer${i}@example.com` }))));
    const results = await Promise.all(attempts);
    assert.is(results.filter((result) => result.isOk()).length, 1);
    for (const result of results.filter((r) => r.isErr())) assert.is(result._unsafeUnwrapErr().type, 'UsernameTaken');
  });

  test('when 20 users rename to one free name at once, then exactly one wins', async ({ store }) => {
    const ids = await store.inUnitOfWork(async () => {
      const added = [];
      for (let i = 0; i < 20; i++) added.push((await store.users.add(aNewUser()))._unsafeUnwrap().id);
      return added;
    });
    const results = await Promise.all(ids.map((id) =>
      store.inUnitOfWork(async () => store.users.updateProfile(id, { username: 'freename', aboutMe: '' }))));
    assert.is(results.filter((result) => result.isOk()).length, 1);
    for (const result of results.filter((r) => r.isErr())) assert.is(result._unsafeUnwrapErr().type, 'UsernameTaken');
  });

  test.run();
}
