import type { ResultAsync } from 'neverthrow';
import type { UserNotFound } from '../errors.js';
import type { FollowRepository } from '../ports/follow-repository.js';
import type { PostRepository } from '../ports/post-repository.js';
import type { UserRepository } from '../ports/user-repository.js';
import type { UserId } from '../user.js';
import { countsOf, type CountedUser } from '../user-counts.js';
import { findUser, type UserLookup } from '../user-lookup.js';

export type GetProfileError = UserNotFound;

export type Profile = CountedUser & Readonly<{
  /** Whether the person looking at the profile follows its owner. */
  followedByViewer: boolean;
}>;

export class GetProfile {
  constructor(
    private readonly users: UserRepository,
    private readonly follows: FollowRepository,
    private readonly posts: PostRepository,
  ) {}

  execute(input: Readonly<{ user: UserLookup; viewerId: UserId }>): ResultAsync<Profile, GetProfileError> {
    return findUser(this.users, input.user).map(async (user) => {
      const [counts, followedByViewer] = await Promise.all([
        countsOf(user.id, this.follows, this.posts),
        this.follows.isFollowing(input.viewerId, user.id),
      ]);
      return { user, counts, followedByViewer };
    });
  }
}
