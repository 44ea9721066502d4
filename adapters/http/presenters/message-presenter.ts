import { err, ok, type Result } from 'neverthrow';
import type { ReceivedMessage } from '../../../domain/messages/message.js';
import type { Notification } from '../../../domain/notifications/notification.js';
import type { Page } from '../../../domain/pagination.js';
import type { TimelinePost } from '../../../domain/posts/post.js';

/** Received messages in the shape of posts, so the pages list them with the posts' own list: the sender as author. */
export function asPosts(page: Page<ReceivedMessage>): Page<TimelinePost> {
  return { ...page, items: page.items.map(({ id, body, sentAt, sender }) => ({ id, body, createdAt: sentAt, author: sender })) };
}

/** A notification as the tutorial's polling endpoint answers it: the timestamp in seconds since the epoch. */
export function presentNotification({ name, data, timestamp }: Notification) {
  return { name, data, timestamp: timestamp.getTime() / 1000 };
}

// Seconds since the epoch, as a float, within the range of a date.
const SECONDS = /^\d{1,12}(\.\d{1,9})?$/;

export const SINCE_INVALID = 'Must be a number of seconds since the epoch.';

/** `?since=`: absent means every notification; anything but seconds since the epoch is a bad request, said in these words. */
export function sinceOf(raw: unknown): Result<Date, typeof SINCE_INVALID> {
  if (raw === undefined) return ok(new Date(0));
  if (typeof raw !== 'string' || !SECONDS.test(raw)) return err(SINCE_INVALID);
  // Times are kept to the millisecond: the last timestamp a client saw, sent back, names that very one.
  return ok(new Date(Math.round(Number(raw) * 1000)));
}
