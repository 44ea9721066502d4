import type { Message, NewMessage, ReceivedMessage } from '../messages/message.js';
import type { UserId } from '../user.js';

/**
 * Private messages, by recipient, newest first. The unread count is read on every page its
 * recipient sees, so it is one indexed count of the messages since their read mark.
 */
export interface MessageRepository {
  add(message: NewMessage): Promise<Message>;
  received(recipientId: UserId, offset: number, limit: number): Promise<ReceivedMessage[]>;
  countReceived(recipientId: UserId): Promise<number>;
  /** Messages received after the recipient last marked them read (all of them, before the first mark). */
  countUnread(recipientId: UserId): Promise<number>;
  /** Every message received up to `at` is read. */
  markRead(recipientId: UserId, at: Date): Promise<void>;
}
