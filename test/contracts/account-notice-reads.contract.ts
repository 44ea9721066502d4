import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { AccountNoticeReads } from '../../domain/ports/account-notices.js';
import type { ExportRepository } from '../../domain/ports/export-repository.js';
import type { MessageRepository } from '../../domain/ports/message-repository.js';

export type AccountNoticeStore = Readonly<{
  notices: AccountNoticeReads;
  exports: ExportRepository;
  messages: MessageRepository;
  /** Ids of two existing users who write to each other. */
  userIds: readonly [number, number];
  inUnitOfWork: <T>(work: () => Promise<T>) => Promise<T>;
  close: () => Promise<void>;
}>;

const at = (minute: number) => new Date(Date.UTC(2026, 4, 1, 10, minute));

/** What every AccountNoticeReads must do: say what the export and message stores hold; run against every adapter of the port. */
export function accountNoticeReadsContract(name: string, open: () => Promise<AccountNoticeStore>): void {
  const test = suite<{ store: AccountNoticeStore }>(`AccountNoticeReads contract: ${name}`, {} as { store: AccountNoticeStore });
  test.before.each(async (context) => { context.store = await open(); });
  test.after.each(async ({ store }) => { await store.close(); });

  test('when a user has no export and no message, then there is nothing to tell them', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      assert.equal(await store.notices.of(store.userIds[0]), { latestExport: null, unreadMessages: 0 });
    });
  });

  test('when a user has exports and messages, then their latest export and their unread count are told, and nobody else\'s', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const [susan, john] = store.userIds;
      const first = (await store.exports.add({ userId: susan, createdAt: at(1) }))._unsafeUnwrap();
      await store.exports.update(first.id, { state: 'failed', error: 'mail-refused', updatedAt: at(2) });
      const latest = (await store.exports.add({ userId: susan, createdAt: at(3) }))._unsafeUnwrap();
      await store.exports.update(latest.id, { state: 'running', progress: 40, updatedAt: at(4) });
      await store.messages.add({ senderId: john, recipientId: susan, body: 'one', sentAt: at(1) });
      await store.messages.add({ senderId: john, recipientId: susan, body: 'two', sentAt: at(2) });
      await store.messages.add({ senderId: susan, recipientId: john, body: 'reply', sentAt: at(3) });
      await store.messages.markRead(susan, at(1));
      assert.equal(await store.notices.of(susan), {
        latestExport: { ...latest, state: 'running', progress: 40, updatedAt: at(4) },
        unreadMessages: 1,
      });
      assert.equal(await store.notices.of(john), { latestExport: null, unreadMessages: 1 });
    });
  });

  test.run();
}
