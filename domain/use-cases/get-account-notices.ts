import type { AccountNoticeReads, AccountNotices } from '../ports/account-notices.js';
import type { UserId } from '../user.js';

/** What the pages tell a user about their own account: a running export, the unread messages' badge. */
export class GetAccountNotices {
  constructor(private readonly notices: AccountNoticeReads) {}

  execute(userId: UserId): Promise<AccountNotices> {
    return this.notices.of(userId);
  }
}
