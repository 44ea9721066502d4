import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { AccessTokenRepository } from '../../domain/ports/access-token-repository.js';
import type { NewAccessToken } from '../../domain/tokens/access-token.js';

export type AccessTokenStore = Readonly<{
  tokens: AccessTokenRepository;
  /** Ids of two existing users the tokens may belong to. */
  userIds: readonly [number, number];
  inUnitOfWork: <T>(work: () => Promise<T>) => Promise<T>;
  close: () => Promise<void>;
}>;

const at = (iso: string) => new Date(iso);

export function accessTokenRepositoryContract(name: string, open: () => Promise<AccessTokenStore>): void {
  const test = suite<{ store: AccessTokenStore }>(`AccessTokenRepository contract: ${name}`, {} as { store: AccessTokenStore });
  test.before.each(async (context) => { context.store = await open(); });
  test.after.each(async ({ store }) => { await store.close(); });

  const tokenOf = (userId: number, expiresAt = at('2026-05-01T11:00:00Z')): NewAccessToken =>
    ({ userId, createdAt: at('2026-05-01T10:00:00Z'), expiresAt });

  test('when a token is created, then it is long and random, and finds its fields as stored', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const token = await store.tokens.create(tokenOf(store.userIds[0]));
      const another = await store.tokens.create(tokenOf(store.userIds[0]));
      assert.ok(token.length >= 40, 'long enough to be unguessable');
      assert.is.not(token, another);
      assert.equal(await store.tokens.find(token), { ...tokenOf(store.userIds[0]), revokedAt: null });
      assert.is(await store.tokens.find('made-up-token'), null);
    });
  });

  test('when a token is revoked, then it is found with the time, once, and other tokens stay', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const revoked = await store.tokens.create(tokenOf(store.userIds[0]));
      const kept = await store.tokens.create(tokenOf(store.userIds[0]));
      await store.tokens.revoke(revoked, at('2026-05-01T10:30:00Z'));
      await store.tokens.revoke(revoked, at('2026-05-01T10:45:00Z'));
      assert.equal((await store.tokens.find(revoked))?.revokedAt, at('2026-05-01T10:30:00Z'), 'the first revocation counts');
      assert.is((await store.tokens.find(kept))?.revokedAt, null);
    });
  });

  test('when all of a user\'s tokens are revoked but one, then the others are revoked at that time, and the kept one and other users\' stay', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const [mine, theirs] = store.userIds;
      const current = await store.tokens.create(tokenOf(mine));
      const other = await store.tokens.create(tokenOf(mine));
      const revokedBefore = await store.tokens.create(tokenOf(mine));
      await store.tokens.revoke(revokedBefore, at('2026-05-01T10:05:00Z'));
      const someoneElses = await store.tokens.create(tokenOf(theirs));
      await store.tokens.revokeAllOf(mine, at('2026-05-01T10:30:00Z'), current);
      assert.is((await store.tokens.find(current))?.revokedAt, null);
      assert.equal((await store.tokens.find(other))?.revokedAt, at('2026-05-01T10:30:00Z'));
      assert.equal((await store.tokens.find(revokedBefore))?.revokedAt, at('2026-05-01T10:05:00Z'), 'an earlier revocation keeps its time');
      assert.is((await store.tokens.find(someoneElses))?.revokedAt, null);
      await store.tokens.revokeAllOf(mine, at('2026-05-01T10:40:00Z'));
      assert.equal((await store.tokens.find(current))?.revokedAt, at('2026-05-01T10:40:00Z'), 'without one to keep, every token goes');
    });
  });

  test('when spent tokens are cleared, then only those expired or revoked before the time go', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const [mine, theirs] = store.userIds;
      const expiredLongAgo = await store.tokens.create(tokenOf(mine, at('2026-05-01T10:10:00Z')));
      const revokedLongAgo = await store.tokens.create(tokenOf(theirs));
      await store.tokens.revoke(revokedLongAgo, at('2026-05-01T10:20:00Z'));
      const expiredLater = await store.tokens.create(tokenOf(mine, at('2026-05-01T10:40:00Z')));
      const live = await store.tokens.create(tokenOf(theirs));
      await store.tokens.deleteSpentBefore(at('2026-05-01T10:30:00Z'));
      assert.is(await store.tokens.find(expiredLongAgo), null);
      assert.is(await store.tokens.find(revokedLongAgo), null);
      assert.ok(await store.tokens.find(expiredLater));
      assert.ok(await store.tokens.find(live));
    });
  });

  test.run();
}
