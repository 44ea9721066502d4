import type { UserId } from '../user.js';
import { FollowChangeUseCase } from './follow-change.js';

export class UnfollowUser extends FollowChangeUseCase {
  protected write(followerId: UserId, followedId: UserId): Promise<void> {
    return this.follows.unfollow(followerId, followedId);
  }
}
