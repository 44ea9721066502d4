import type { Notification } from '../notifications/notification.js';
import type { UserId } from '../user.js';

/** Notifications, one per name and user: the latest value is all a polling page needs. */
export interface NotificationRepository {
  /** Replaces the user's notification of this name with this one. */
  replace(notification: Notification): Promise<void>;
  /** The user's notifications written after `since`, oldest first. */
  since(userId: UserId, since: Date): Promise<Notification[]>;
}
