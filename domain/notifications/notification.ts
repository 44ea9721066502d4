import type { UserId } from '../user.js';

/**
 * The count of a user's unread messages, written each time it changes: a polling page learns it
 * without asking for the count itself.
 */
export const UNREAD_MESSAGE_COUNT = 'unread_message_count';

/** How far a user's background task has got: `{ task_id, progress }`, progress from 0 to 100, as the tutorial's. */
export const TASK_PROGRESS = 'task_progress';

/** Something that happened for a user while they were away, as the tutorial's notifications: a name and its data. */
export type Notification = Readonly<{ userId: UserId; name: string; data: unknown; timestamp: Date }>;
