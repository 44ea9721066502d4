import type { Result } from 'neverthrow';
import type { FollowRepository } from '../ports/follow-repository.js';
import type { UserRepository } from '../ports/user-repository.js';
import type { User } from '../user.js';
import { followTarget, type FollowChange, type FollowChangeError } from './follow-target.js';

export class UnfollowUser {
  constructor(
    private readonly users: UserRepository,
    private readonly follows: FollowRepository,
  ) {}

  async execute(input: FollowChange): Promise<Result<User, FollowChangeError>> {
    const target = await followTarget(this.users, input);
    if (target.isOk()) await this.follows.unfollow(input.followerId, target.value.id);
    return target;
  }
}
