import { err, ok, type ResultAsync } from 'neverthrow';
import { cannotFollowYourself, type CannotFollowYourself, type UserNotFound } from '../errors.js';
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
  execute(input: FollowChange): ResultAsync<User, FollowChangeError> {
    return findUser(this.users, input.user)
      .andThen((user) => (user.id === input.followerId ? err(cannotFollowYourself()) : ok(user)))
      .map(async (user) => {
        await this.write(input.followerId, user.id);
        return user;
      });
  }

  protected abstract write(followerId: UserId, followedId: UserId): Promise<void>;
}
