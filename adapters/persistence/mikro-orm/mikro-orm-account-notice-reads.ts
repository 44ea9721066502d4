import type { AccountNoticeReads, AccountNotices } from '../../../domain/ports/account-notices.js';
import type { UserId } from '../../../domain/user.js';
import { exportOf, LATEST_OF, type ExportRow } from './mikro-orm-export-repository.js';
import { COUNT_UNREAD } from './mikro-orm-message-repository.js';
import type { PreparedReads, ReadStatement } from './prepared-reads.js';

type NoticesRow = { unread_messages: number | string } & (ExportRow | { [Column in keyof ExportRow]: null });

// The repositories' own statements side by side in one: a user with no export still gets their
// row (the left join on a one-row table), and each part keeps its index.
const NOTICES: ReadStatement = {
  name: 'account_notices',
  sql: `select (${COUNT_UNREAD.sql}) as unread_messages, e.* from (select 1 as one) as account left join (${LATEST_OF.sql}) as e on true`,
};

/** Every logged-in page's notices in one prepared read, where two cost each page about twice as much. */
export class MikroOrmAccountNoticeReads implements AccountNoticeReads {
  constructor(private readonly reads: PreparedReads) {}

  async of(userId: UserId): Promise<AccountNotices> {
    const [row] = await this.reads.all<NoticesRow>(NOTICES, [userId, userId]);
    if (!row) throw new Error('The account notices\' query answered no row');
    return { latestExport: row.id === null ? null : exportOf(row), unreadMessages: Number(row.unread_messages) };
  }
}
