import { okAsync, ResultAsync } from 'neverthrow';
import type { PageNotFound } from '../errors.js';
import type { ReceivedMessage } from '../messages/message.js';
import { UNREAD_MESSAGE_COUNT } from '../notifications/notification.js';
import { countedPage, listOf, pageOf, type CountedPage, type Page, type PagedList, type PageRequest } from '../pagination.js';
import type { Clock } from '../ports/clock.js';
import type { MessageRepository } from '../ports/message-repository.js';
import type { NotificationRepository } from '../ports/notification-repository.js';
import type { Transactions } from '../ports/transactions.js';
import type { UserId } from '../user.js';

export type ListMessagesPorts = Readonly<{
  messages: MessageRepository;
  notifications: NotificationRepository;
  transactions: Transactions;
  clock: Clock;
}>;

/**
 * The messages a user received, newest first; reading them marks every one received so far read
 * (the tutorial's `last_message_read_time`) and writes the unread count of 0 as a notification.
 */
export class ListMessages {
  constructor(private readonly ports: ListMessagesPorts) {}

  execute(userId: UserId, page: PageRequest): ResultAsync<Page<ReceivedMessage>, PageNotFound> {
    return this.markRead(userId).andThen(() => pageOf(page, this.receivedBy(userId)));
  }

  /** The page with the totals, for clients that show how many pages there are. */
  executeCounted(userId: UserId, page: PageRequest): ResultAsync<CountedPage<ReceivedMessage>, PageNotFound> {
    return this.markRead(userId).andThen(() => countedPage(page, this.receivedBy(userId)));
  }

  // Nothing is written when nothing is unread: reading one's messages again costs no write.
  private markRead(userId: UserId): ResultAsync<void, never> {
    const { messages, notifications, transactions, clock } = this.ports;
    return ResultAsync.fromSafePromise(messages.countUnread(userId)).andThen((unread) => {
      if (unread === 0) return okAsync(undefined);
      const now = clock.now();
      return transactions.run(() => ResultAsync.fromSafePromise(messages.markRead(userId, now))
        .map(() => notifications.replace({ userId, name: UNREAD_MESSAGE_COUNT, data: 0, timestamp: now })));
    });
  }

  private receivedBy(userId: UserId): PagedList<ReceivedMessage> {
    const { messages } = this.ports;
    return listOf((offset, limit) => messages.received(userId, offset, limit), () => messages.countReceived(userId));
  }
}
