import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Notification } from '../../../domain/notifications/notification.js';
import type { NotificationRepository } from '../../../domain/ports/notification-repository.js';
import type { UserId } from '../../../domain/user.js';
import { toDate } from './sql-values.js';

type NotificationRow = { user_id: number; name: string; payload_json: string; created_at: Date | number | string };

// One statement, so two writers of one user's notification at once both succeed, the later one kept
// (a delete then an insert would let both insert, and the unique index refuse one).
const REPLACE = `insert into notifications (user_id, name, payload_json, created_at) values (?, ?, ?, ?)
  on conflict (user_id, name) do update set payload_json = excluded.payload_json, created_at = excluded.created_at`;

/** Notifications in SQL, their data kept as JSON text, as the tutorial's `payload_json`. */
export class MikroOrmNotificationRepository implements NotificationRepository {
  constructor(private readonly em: SqlEntityManager) {}

  async replace(notification: Notification): Promise<void> {
    const { userId, name, data, timestamp } = notification;
    await this.em.execute(REPLACE, [userId, name, JSON.stringify(data), timestamp], 'run');
  }

  async since(userId: UserId, since: Date): Promise<Notification[]> {
    const rows = await this.em.execute<NotificationRow[]>(
      'select user_id, name, payload_json, created_at from notifications where user_id = ? and created_at > ? order by created_at, id',
      [userId, since],
    );
    return rows.map((row) => ({ userId: Number(row.user_id), name: row.name, data: JSON.parse(row.payload_json) as unknown, timestamp: toDate(row.created_at) }));
  }
}
