import type { Export } from '../exports/export.js';
import type { UserId } from '../user.js';

/** What every page tells a logged-in user about their own account. */
export type AccountNotices = Readonly<{
  /** Their most recent export: its progress while it runs, its reason once it failed. */
  latestExport: Export | null;
  /** Messages received after they last read them (all of them, before the first time). */
  unreadMessages: number;
}>;

/**
 * The account's notices in one read: every logged-in page needs all of them, and a read costs
 * about as much for one fact as for several.
 */
export interface AccountNoticeReads {
  of(userId: UserId): Promise<AccountNotices>;
}
