import type { User, UserId } from '../user.js';

export type FollowCounts = Readonly<{ followers: number; following: number }>;

export interface FollowRepository {
  /** Idempotent: following someone already followed changes nothing. */
  follow(followerId: UserId, followedId: UserId): Promise<void>;
  unfollow(followerId: UserId, followedId: UserId): Promise<void>;
  isFollowing(followerId: UserId, followedId: UserId): Promise<boolean>;
  counts(userId: UserId): Promise<FollowCounts>;
  /** The counts of each user in one go, for a list of users; a user nobody follows counts zeros. */
  countsOfEach(userIds: readonly UserId[]): Promise<ReadonlyMap<UserId, FollowCounts>>;
  /** The users who follow `userId`, by id. */
  followersOf(userId: UserId, offset: number, limit: number): Promise<User[]>;
  /** The users `userId` follows, by id. */
  followeesOf(userId: UserId, offset: number, limit: number): Promise<User[]>;
}
