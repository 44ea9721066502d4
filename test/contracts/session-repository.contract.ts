import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { SessionRepository } from '../../domain/ports/session-repository.js';
import type { Session } from '../../domain/sessions/session.js';
import type { User } from '../../domain/user.js';

export type SessionStore = Readonly<{
  sessions: SessionRepository;
  /** Ids of two existing users the sessions may belong to. */
  userIds: readonly [number, number];
  /** The users of `userIds`, as their repository finds them. */
  findUser: (id: number) => Promise<User | null>;
  inUnitOfWork: <T>(work: () => Promise<T>) => Promise<T>;
  close: () => Promise<void>;
}>;

const at = (iso: string) => new Date(iso);

export function sessionRepositoryContract(name: string, open: () => Promise<SessionStore>): void {
  const test = suite<{ store: SessionStore }>(`SessionRepository contract: ${name}`, {} as { store: SessionStore });
  test.before.each(async (context) => { context.store = await open(); });
  test.after.each(async ({ store }) => { await store.close(); });

  const sessionOf = (userId: number, rememberMe = false): Session =>
    ({ userId, createdAt: at('2026-05-01T10:00:00Z'), lastActiveAt: at('2026-05-01T10:00:00Z'), rememberMe });

  test('when a session is created, then its token finds it, with its fields as stored and its user', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const token = await store.sessions.create(sessionOf(store.userIds[0], true));
      assert.type(token, 'string');
      assert.ok(token.length >= 40, 'long enough to be unguessable');
      assert.equal(await store.sessions.find(token), { session: sessionOf(store.userIds[0], true), user: await store.findUser(store.userIds[0]) });
    });
  });

  test("when two users have sessions, then each token finds its own user's", async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const [mine, theirs] = store.userIds;
      const myToken = await store.sessions.create(sessionOf(mine));
      const theirToken = await store.sessions.create(sessionOf(theirs));
      assert.is((await store.sessions.find(myToken))?.user.id, mine);
      assert.equal((await store.sessions.find(theirToken))?.user, await store.findUser(theirs));
    });
  });

  test('when a token was never issued, then nothing is found', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      assert.is(await store.sessions.find('made-up-token'), null);
    });
  });

  test('when a session is touched, then its last activity moves and nothing else', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const token = await store.sessions.create(sessionOf(store.userIds[0]));
      await store.sessions.touch(token, at('2026-05-01T11:30:00Z'));
      assert.equal((await store.sessions.find(token))?.session, { ...sessionOf(store.userIds[0]), lastActiveAt: at('2026-05-01T11:30:00Z') });
    });
  });

  test('when a session is deleted, then its token finds nothing and other sessions stay', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const gone = await store.sessions.create(sessionOf(store.userIds[0]));
      const kept = await store.sessions.create(sessionOf(store.userIds[0]));
      await store.sessions.delete(gone);
      assert.is(await store.sessions.find(gone), null);
      assert.ok(await store.sessions.find(kept));
    });
  });

  test("when all of a user's sessions are ended but one, then only that one and other users' stay", async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const [mine, theirs] = store.userIds;
      const keep = await store.sessions.create(sessionOf(mine));
      const other = await store.sessions.create(sessionOf(mine));
      const someoneElse = await store.sessions.create(sessionOf(theirs));
      await store.sessions.deleteAllOf(mine, keep);
      assert.ok(await store.sessions.find(keep));
      assert.is(await store.sessions.find(other), null);
      assert.ok(await store.sessions.find(someoneElse));
      await store.sessions.deleteAllOf(mine);
      assert.is(await store.sessions.find(keep), null);
    });
  });

  test.run();
}
