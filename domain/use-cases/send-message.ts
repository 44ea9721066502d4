import { err, ok, ResultAsync, safeTry } from 'neverthrow';
import {
  cannotMessageYourself, fieldsRejected, tooManyMessages,
  type CannotMessageYourself, type FieldsRejected, type PostEmpty, type PostTooLong, type TooManyMessages, type UserNotFound,
} from '../errors.js';
import { waitBeforeNextTry } from '../login-throttle.js';
import { MESSAGE_RULE, messageSenderKey, type Message } from '../messages/message.js';
import { UNREAD_MESSAGE_COUNT } from '../notifications/notification.js';
import type { Clock } from '../ports/clock.js';
import type { LoginAttemptLog } from '../ports/login-attempt-log.js';
import type { MessageRepository } from '../ports/message-repository.js';
import type { NotificationRepository } from '../ports/notification-repository.js';
import type { Transactions } from '../ports/transactions.js';
import type { UserRepository } from '../ports/user-repository.js';
import { parsePostBody } from '../posts/post-rules.js';
import type { User, UserId } from '../user.js';
import { findUser, type UserLookup } from '../user-lookup.js';

export type SendMessageError = FieldsRejected<PostEmpty | PostTooLong> | UserNotFound | CannotMessageYourself | TooManyMessages;

export type SentMessage = Readonly<{ message: Message; recipient: User }>;

export type SendMessagePorts = Readonly<{
  users: UserRepository;
  messages: MessageRepository;
  notifications: NotificationRepository;
  /** Where messages are counted per sender, as failed logins are per account. */
  sends: LoginAttemptLog;
  transactions: Transactions;
  clock: Clock;
}>;

/**
 * A private message, stored only for a recipient who exists and is not the sender, at most
 * `MESSAGE_RULE` of them a minute per sender; the recipient's unread count is written as a
 * notification in the same transaction, so a polling page never sees one without the other.
 */
export class SendMessage {
  constructor(private readonly ports: SendMessagePorts) {}

  execute(input: Readonly<{ senderId: UserId; recipient: UserLookup; body: string }>): ResultAsync<SentMessage, SendMessageError> {
    return safeTry(() => this.send(input));
  }

  private async *send(input: Readonly<{ senderId: UserId; recipient: UserLookup; body: string }>) {
    const body = yield* parsePostBody(input.body).mapErr((problem) => fieldsRejected([problem]));
    const { users, messages, transactions, clock } = this.ports;
    const recipient = yield* findUser(users, input.recipient)
      .andThen((user) => (user.id === input.senderId ? err(cannotMessageYourself()) : ok(user)));
    const sentAt = clock.now();
    yield* this.reserve(input.senderId, sentAt);
    const message = yield* transactions.run(() => ResultAsync.fromSafePromise(messages.add({ senderId: input.senderId, recipientId: recipient.id, body, sentAt }))
      .map(async (stored) => {
        await this.notifyUnread(recipient.id, sentAt);
        return stored;
      }));
    return ok({ message, recipient });
  }

  private async notifyUnread(recipientId: UserId, at: Date): Promise<void> {
    const { messages, notifications } = this.ports;
    await notifications.replace({ userId: recipientId, name: UNREAD_MESSAGE_COUNT, data: await messages.countUnread(recipientId), timestamp: at });
  }

  // Reserved atomically before the message is stored, as login attempts are: messages sent at
  // once are counted like messages sent in turn, so a burst cannot slip past the limit.
  private reserve(senderId: UserId, now: Date): ResultAsync<void, TooManyMessages> {
    const { sends } = this.ports;
    const key = messageSenderKey(senderId);
    const since = new Date(now.getTime() - MESSAGE_RULE.windowMs);
    return ResultAsync.fromSafePromise(sends.reserve([{ key, since, limit: MESSAGE_RULE.maxFailures }], now))
      .andThen((reserved) => (reserved
        ? ok(undefined)
        : ResultAsync.fromSafePromise(sends.failuresSince(key, since)).andThen((sent) => err(tooManyMessages(waitBeforeNextTry(sent, MESSAGE_RULE, now))))));
  }
}
