import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { MessageRepository } from '../../domain/ports/message-repository.js';
import type { NotificationRepository } from '../../domain/ports/notification-repository.js';
import type { UserRepository } from '../../domain/ports/user-repository.js';

export type MessageStore = Readonly<{
  messages: MessageRepository;
  notifications: NotificationRepository;
  users: UserRepository;
  /** Ids of two existing users who write to each other. */
  userIds: readonly [number, number];
  inUnitOfWork: <T>(work: () => Promise<T>) => Promise<T>;
  close: () => Promise<void>;
}>;

const at = (minute: number, ms = 0) => new Date(Date.UTC(2026, 4, 1, 10, minute, 0, ms));

/** What every MessageRepository and NotificationRepository must do; run against every adapter of the ports. */
export function messageRepositoryContract(name: string, open: () => Promise<MessageStore>): void {
  const test = suite<{ store: MessageStore }>(`MessageRepository contract: ${name}`, {} as { store: MessageStore });
  test.before.each(async (context) => { context.store = await open(); });
  test.after.each(async ({ store }) => { await store.close(); });

  test('when messages are added, then their recipient receives them newest first, paged, with the sender as now named', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const [susan, john] = store.userIds;
      const first = await store.messages.add({ senderId: susan, recipientId: john, body: 'first', sentAt: at(1) });
      assert.type(first.id, 'number');
      assert.equal(first, { id: first.id, senderId: susan, recipientId: john, body: 'first', sentAt: at(1) });
      await store.messages.add({ senderId: susan, recipientId: john, body: 'second', sentAt: at(2) });
      await store.messages.add({ senderId: susan, recipientId: john, body: 'same millisecond', sentAt: at(2) });
      await store.messages.add({ senderId: john, recipientId: susan, body: 'reply', sentAt: at(3) });
      (await store.users.updateProfile(susan, { username: 'renamed', aboutMe: '' }))._unsafeUnwrap();
      const received = await store.messages.received(john, 0, 2);
      assert.equal(received.map((message) => message.body), ['same millisecond', 'second'], 'the later id first within a millisecond');
      assert.equal(received[1], { id: first.id + 1, body: 'second', sentAt: at(2), sender: { id: susan, username: 'renamed', email: received[1]?.sender.email ?? '' } });
      assert.equal((await store.messages.received(john, 2, 2)).map((message) => message.body), ['first']);
      assert.is(await store.messages.countReceived(john), 3);
      assert.is(await store.messages.countReceived(susan), 1);
    });
  });

  test('when messages are marked read up to a time, then those received later stay unread', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const [susan, john] = store.userIds;
      assert.is(await store.messages.countUnread(john), 0);
      await store.messages.add({ senderId: susan, recipientId: john, body: 'one', sentAt: at(1) });
      await store.messages.add({ senderId: susan, recipientId: john, body: 'two', sentAt: at(2) });
      assert.is(await store.messages.countUnread(john), 2);
      await store.messages.markRead(john, at(1));
      assert.is(await store.messages.countUnread(john), 1, 'the message of minute 2 was not read at minute 1');
      await store.messages.markRead(john, at(2));
      assert.is(await store.messages.countUnread(john), 0);
      await store.messages.add({ senderId: susan, recipientId: john, body: 'three', sentAt: at(3) });
      assert.is(await store.messages.countUnread(john), 1);
      assert.is(await store.messages.countUnread(susan), 0, 'the sender has nothing unread');
    });
  });

  test('when a notification is replaced, then the user has one of that name, the latest, listed after since, oldest first', async ({ store }) => {
    await store.inUnitOfWork(async () => {
      const [susan, john] = store.userIds;
      await store.notifications.replace({ userId: john, name: 'unread_message_count', data: 1, timestamp: at(1, 250) });
      await store.notifications.replace({ userId: john, name: 'task_progress', data: { task_id: 7, progress: 50 }, timestamp: at(2) });
      await store.notifications.replace({ userId: john, name: 'unread_message_count', data: 2, timestamp: at(3) });
      await store.notifications.replace({ userId: susan, name: 'unread_message_count', data: 9, timestamp: at(3) });
      assert.equal(await store.notifications.since(john, at(0)), [
        { userId: john, name: 'task_progress', data: { task_id: 7, progress: 50 }, timestamp: at(2) },
        { userId: john, name: 'unread_message_count', data: 2, timestamp: at(3) },
      ]);
      assert.equal((await store.notifications.since(john, at(2))).map(({ data }) => data), [2], 'strictly after since');
      assert.equal(await store.notifications.since(john, at(3)), []);
    });
  });

  test.run();
}
