import type { Notification } from '../../../domain/notifications/notification.js';
import type { NotificationRepository } from '../../../domain/ports/notification-repository.js';
import type { UserId } from '../../../domain/user.js';
import { snapshotOf, type Restorable } from './in-memory-transactions.js';

/** Notifications of one process, for domain tests: one per user and name. */
export class InMemoryNotificationRepository implements NotificationRepository, Restorable {
  private readonly notifications = new Map<string, Notification>();

  async replace(notification: Notification): Promise<void> {
    const key = JSON.stringify([notification.userId, notification.name]);
    // Deleted first, so the map's order is the order of writing, as the SQL's ids are.
    this.notifications.delete(key);
    this.notifications.set(key, notification);
  }

  async since(userId: UserId, since: Date): Promise<Notification[]> {
    return [...this.notifications.values()]
      .filter((notification) => notification.userId === userId && notification.timestamp > since)
      .sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
  }

  snapshot(): () => void {
    return snapshotOf(this.notifications);
  }
}
