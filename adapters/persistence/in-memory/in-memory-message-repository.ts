import type { Message, NewMessage, ReceivedMessage } from '../../../domain/messages/message.js';
import type { MessageRepository } from '../../../domain/ports/message-repository.js';
import type { UserRepository } from '../../../domain/ports/user-repository.js';
import type { UserId } from '../../../domain/user.js';
import { snapshotOf, type Restorable } from './in-memory-transactions.js';

/** Messages of one process, for domain tests; it reads senders from its sibling, by id, as the SQL joins them. */
export class InMemoryMessageRepository implements MessageRepository, Restorable {
  private readonly messages = new Map<number, Message>();
  private readonly readMarks = new Map<UserId, Date>();
  private nextId = 1;

  constructor(private readonly users: UserRepository) {}

  async add(message: NewMessage): Promise<Message> {
    const stored = { ...message, id: this.nextId++ };
    this.messages.set(stored.id, stored);
    return stored;
  }

  async received(recipientId: UserId, offset: number, limit: number): Promise<ReceivedMessage[]> {
    const newestFirst = this.receivedBy(recipientId)
      .sort((a, b) => b.sentAt.getTime() - a.sentAt.getTime() || b.id - a.id)
      .slice(offset, offset + limit);
    const shown: ReceivedMessage[] = [];
    for (const message of newestFirst) {
      const sender = await this.users.findById(message.senderId);
      if (sender) shown.push({ id: message.id, body: message.body, sentAt: message.sentAt, sender: { id: sender.id, username: sender.username, email: sender.email } });
    }
    return shown;
  }

  async countReceived(recipientId: UserId): Promise<number> {
    return this.receivedBy(recipientId).length;
  }

  async countUnread(recipientId: UserId): Promise<number> {
    const mark = this.readMarks.get(recipientId);
    return this.receivedBy(recipientId).filter((message) => !mark || message.sentAt > mark).length;
  }

  async markRead(recipientId: UserId, at: Date): Promise<void> {
    this.readMarks.set(recipientId, at);
  }

  snapshot(): () => void {
    const restores = [snapshotOf(this.messages), snapshotOf(this.readMarks)];
    return () => { for (const restore of restores) restore(); };
  }

  private receivedBy(recipientId: UserId): Message[] {
    return [...this.messages.values()].filter((message) => message.recipientId === recipientId);
  }
}
