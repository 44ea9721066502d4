import type { UserId } from '../user.js';

/**
 * The count of a user's unread messages, written each time it changes: a polling page learns it
 * without asking for the count itself.
 */
export const UNREAD_MESSAGE_COUNT = 'unread_message_count';

/** Something that happened for a user while they were away, as the tutorial's notifications: a name and its data. */
export type Notification = Readonly<{ userId: UserId; name: string; data: unknown; timestamp: Date }>;
