import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Message, NewMessage, ReceivedMessage } from '../../../domain/messages/message.js';
import type { MessageRepository } from '../../../domain/ports/message-repository.js';
import type { UserId } from '../../../domain/user.js';
import { preparedCount, type PreparedReads, type ReadStatement } from './prepared-reads.js';
import { countOf, toDate } from './sql-values.js';

type ReceivedRow = { id: number; body: string; created_at: Date | number | string; sender_id: number; username: string; email: string };

// The sender is joined by id, so a renamed sender shows under their new name. Newest first; the id
// breaks ties within a millisecond, so pages never overlap.
const RECEIVED = `select m.id, m.body, m.created_at, u.id as sender_id, u.username, u.email
  from messages m join users u on u.id = m.sender_id
  where m.recipient_id = ? order by m.created_at desc, m.id desc limit ? offset ?`;
// The nav's badge on every logged-in page (read there with the account's other notices): a count
// over the partial index of unread messages, which holds only those, prepared once per connection.
export const COUNT_UNREAD: ReadStatement = { name: 'unread_messages', sql: 'select count(*) as count from messages where recipient_id = ? and read_at is null' };

/** Messages in SQL, written with plain statements in the current transaction, if any. */
export class MikroOrmMessageRepository implements MessageRepository {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly reads: PreparedReads,
  ) {}

  async add(message: NewMessage): Promise<Message> {
    const [row] = await this.em.execute<{ id: number }[]>(
      'insert into messages (sender_id, recipient_id, body, created_at) values (?, ?, ?, ?) returning id',
      [message.senderId, message.recipientId, message.body, message.sentAt],
    );
    return { id: Number(row?.id), ...message };
  }

  async received(recipientId: UserId, offset: number, limit: number): Promise<ReceivedMessage[]> {
    const rows = await this.em.execute<ReceivedRow[]>(RECEIVED, [recipientId, limit, offset]);
    return rows.map((row) => ({
      id: Number(row.id),
      body: row.body,
      sentAt: toDate(row.created_at),
      sender: { id: Number(row.sender_id), username: row.username, email: row.email },
    }));
  }

  countReceived(recipientId: UserId): Promise<number> {
    return countOf(this.em, 'select count(*) as count from messages where recipient_id = ?', [recipientId]);
  }

  countUnread(recipientId: UserId): Promise<number> {
    return preparedCount(this.reads, COUNT_UNREAD, [recipientId]);
  }

  async markRead(recipientId: UserId, at: Date): Promise<void> {
    await this.em.execute('update messages set read_at = ? where recipient_id = ? and read_at is null and created_at <= ?', [at, recipientId, at], 'run');
  }
}
