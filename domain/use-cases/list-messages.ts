import { ResultAsync, type Result } from 'neverthrow';
import type { PageNotFound } from '../errors.js';
import type { ReceivedMessage } from '../messages/message.js';
import { UNREAD_MESSAGE_COUNT } from '../notifications/notification.js';
import { countedPage, pageOf, type CountedPage, type Page, type PagedList, type PageRequest } from '../pagination.js';
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

  async execute(userId: UserId, page: PageRequest): Promise<Result<Page<ReceivedMessage>, PageNotFound>> {
    await this.markRead(userId);
    return pageOf(page, this.receivedBy(userId));
  }

  /** The page with the totals, for clients that show how many pages there are. */
  async executeCounted(userId: UserId, page: PageRequest): Promise<Result<CountedPage<ReceivedMessage>, PageNotFound>> {
    await this.markRead(userId);
    return countedPage(page, this.receivedBy(userId));
  }

  // Nothing is written when nothing is unread: reading one's messages again costs no write.
  private async markRead(userId: UserId): Promise<void> {
    const { messages, notifications, transactions, clock } = this.ports;
    if (await messages.countUnread(userId) === 0) return;
    const now = clock.now();
    // Its work refuses nothing (never), so there is no error to read.
    void await transactions.run(() => ResultAsync.fromSafePromise((async () => {
      await messages.markRead(userId, now);
      await notifications.replace({ userId, name: UNREAD_MESSAGE_COUNT, data: 0, timestamp: now });
    })()));
  }

  private receivedBy(userId: UserId): PagedList<ReceivedMessage> {
    const { messages } = this.ports;
    return { fetch: (offset, limit) => messages.received(userId, offset, limit), count: () => messages.countReceived(userId) };
  }
}
