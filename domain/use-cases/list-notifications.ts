import type { Notification } from '../notifications/notification.js';
import type { NotificationRepository } from '../ports/notification-repository.js';
import type { UserId } from '../user.js';

/** The user's notifications written after `since`, oldest first: what a polling page asks for. */
export class ListNotifications {
  constructor(private readonly notifications: NotificationRepository) {}

  execute(userId: UserId, since: Date): Promise<Notification[]> {
    return this.notifications.since(userId, since);
  }
}
