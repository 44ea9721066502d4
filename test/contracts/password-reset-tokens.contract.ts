import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { PasswordReset } from '../../domain/password-reset/password-reset.js';
import type { PasswordResetTokens } from '../../domain/ports/password-reset-tokens.js';

export type ResetTokenStore = Readonly<{
  tokens: PasswordResetTokens;
  /** Ids of two existing users the resets may belong to. */
  userIds: readonly [number, number];
  inUnitOfWork: <T>(work: () => Promise<T>) => Promise<T>;
  close: () => Promise<void>;
}>;

const at = (minute: number) => new Date(Date.UTC(2026, 4, 1, 10, minute));

export function passwordResetTokensContract(name: string, open: () => Promise<ResetTokenStore>): void {
  const test = suite<{ store: ResetTokenStore }>(`PasswordResetTokens contract: ${name}`, {} as { store: ResetTokenStore });
  test.before.each(async (context) => { context.store = await open(); });
  test.after.each(async ({ store }) => { await store.close(); });

  const resetOf = (userId: number, expiresAtMinute = 10): PasswordReset => ({ userId, expiresAt: at(expiresAtMinute) });

  test('when a reset is issued, then its token is long, URL-safe and finds it as stored', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const token = await store.tokens.issue(resetOf(store.userIds[0]));
      assert.ok(token.length >= 40, 'long enough to be unguessable');
      assert.match(token, /^[A-Za-z0-9_-]+$/, 'fits a URL path segment as it is');
      assert.equal(await store.tokens.find(token), resetOf(store.userIds[0]));
      assert.equal(await store.tokens.find(token), resetOf(store.userIds[0]), 'finding uses nothing up');
    });
  });

  test('when a token was never issued, or differs by one character, then nothing is found', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const token = await store.tokens.issue(resetOf(store.userIds[0]));
      const altered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
      assert.is(await store.tokens.find(altered), null);
      assert.is(await store.tokens.take(altered), null);
      assert.is(await store.tokens.find('\u0000\ud800 not a token'), null);
      assert.equal(await store.tokens.find(token), resetOf(store.userIds[0]), 'the real one is untouched');
    });
  });

  test('when a token is taken, then it returns its reset once and is gone', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const token = await store.tokens.issue(resetOf(store.userIds[0]));
      assert.equal(await store.tokens.take(token), resetOf(store.userIds[0]));
      assert.is(await store.tokens.take(token), null);
      assert.is(await store.tokens.find(token), null);
    });
  });

  test('when ten callers take one token at once, then exactly one gets it', async ({ store }) => {
    const token = await store.inUnitOfWork(() => store.tokens.issue(resetOf(store.userIds[0])));
    const taken = await Promise.all(Array.from({ length: 10 }, () => store.inUnitOfWork(() => store.tokens.take(token))));
    assert.is(taken.filter((reset) => reset !== null).length, 1);
  });

  test("when a user's resets are deleted, then all their tokens die and other users' live", async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const [susan, john] = store.userIds;
      const first = await store.tokens.issue(resetOf(susan));
      const second = await store.tokens.issue(resetOf(susan));
      const johns = await store.tokens.issue(resetOf(john));
      await store.tokens.deleteAllOf(susan);
      assert.is(await store.tokens.find(first), null);
      assert.is(await store.tokens.find(second), null);
      assert.equal(await store.tokens.find(johns), resetOf(john));
    });
  });

  test('when expired resets are deleted, then those expired by then are gone and the rest stay', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const old = await store.tokens.issue(resetOf(store.userIds[0], 5));
      const fresh = await store.tokens.issue(resetOf(store.userIds[1], 15));
      await store.tokens.deleteExpired(at(10));
      assert.is(await store.tokens.find(old), null);
      assert.equal(await store.tokens.find(fresh), resetOf(store.userIds[1], 15));
    });
  });

  test.run();
}
