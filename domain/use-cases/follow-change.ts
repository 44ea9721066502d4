import { err, ok, type Result } from 'neverthrow';
import { cannotFollowYourself, userNotFound, type CannotFollowYourself, type UserNotFound } from '../errors.js';
import type { FollowRepository } from '../ports/follow-repository.js';
import type { UserRepository } from '../ports/user-repository.js';
import type { User, UserId } from '../user.js';
import { findUser, type UserLookup } from '../user-lookup.js';

export type FollowChangeError = UserNotFound | CannotFollowYourself;

export type FollowChange = Readonly<{ followerId: UserId; user: UserLookup }>;

/**
 * Following and unfollowing check the same things (the user exists and is not the follower) and
 * differ only in what they write. Either is idempotent: doing it twice changes nothing.
 */
export abstract class FollowChangeUseCase {
  constructor(
    private readonly users: UserRepository,
    protected readonly follows: FollowRepository,
  ) {}

  /** The user the change is about. */
  async execute(input: FollowChange): Promise<Result<User, FollowChangeError>> {
    const user = await findUser(this.users, input.user);
    if (!user) return err(userNotFound());
    if (user.id === input.followerId) return err(cannotFollowYourself());
    await this.write(input.followerId, user.id);
    return ok(user);
  }

  protected abstract write(followerId: UserId, followedId: UserId): Promise<void>;
}
