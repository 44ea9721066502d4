import { err, ok, type Result } from 'neverthrow';
import { cannotFollowYourself, userNotFound, type CannotFollowYourself, type UserNotFound } from '../errors.js';
import type { UserRepository } from '../ports/user-repository.js';
import type { User, UserId } from '../user.js';
import { findUser, type UserLookup } from '../user-lookup.js';

export type FollowChangeError = UserNotFound | CannotFollowYourself;

export type FollowChange = Readonly<{ followerId: UserId; user: UserLookup }>;

/** Finds whom a follow or unfollow is about; nobody follows or unfollows themselves. */
export async function followTarget(users: UserRepository, input: FollowChange): Promise<Result<User, FollowChangeError>> {
  const user = await findUser(users, input.user);
  if (!user) return err(userNotFound());
  if (user.id === input.followerId) return err(cannotFollowYourself());
  return ok(user);
}
