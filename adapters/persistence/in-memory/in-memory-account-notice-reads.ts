import type { AccountNoticeReads, AccountNotices } from '../../../domain/ports/account-notices.js';
import type { ExportRepository } from '../../../domain/ports/export-repository.js';
import type { MessageRepository } from '../../../domain/ports/message-repository.js';
import type { UserId } from '../../../domain/user.js';

/** An account's notices from the stores that hold each of them. */
export class InMemoryAccountNoticeReads implements AccountNoticeReads {
  constructor(
    private readonly exports: ExportRepository,
    private readonly messages: MessageRepository,
  ) {}

  async of(userId: UserId): Promise<AccountNotices> {
    const [latestExport, unreadMessages] = await Promise.all([this.exports.latestOf(userId), this.messages.countUnread(userId)]);
    return { latestExport, unreadMessages };
  }
}
