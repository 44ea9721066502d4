import type { MessageRepository } from '../ports/message-repository.js';
import type { UserId } from '../user.js';

/** How many messages the user received since they last read them: the nav's badge on every page. */
export class UnreadMessageCount {
  constructor(private readonly messages: MessageRepository) {}

  execute(userId: UserId): Promise<number> {
    return this.messages.countUnread(userId);
  }
}
