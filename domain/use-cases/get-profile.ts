import { err, ok, type Result } from 'neverthrow';
import { userNotFound, type UserNotFound } from '../errors.js';
import type { FollowCounts, FollowRepository } from '../ports/follow-repository.js';
import type { UserRepository } from '../ports/user-repository.js';
import type { User, UserId } from '../user.js';

export type GetProfileError = UserNotFound;

export type Profile = Readonly<{
  user: User;
  counts: FollowCounts;
  /** Whether the person looking at the profile follows its owner. */
  followedByViewer: boolean;
}>;

export class GetProfile {
  constructor(
    private readonly users: UserRepository,
    private readonly follows: FollowRepository,
  ) {}

  async execute(input: Readonly<{ username: string; viewerId: UserId }>): Promise<Result<Profile, GetProfileError>> {
    const user = await this.users.findByUsername(input.username);
    if (!user) return err(userNotFound());
    const [counts, followedByViewer] = await Promise.all([
      this.follows.counts(user.id),
      this.follows.isFollowing(input.viewerId, user.id),
    ]);
    return ok({ user, counts, followedByViewer });
  }
}
