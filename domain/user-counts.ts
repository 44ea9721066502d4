import type { FollowCounts, FollowRepository } from './ports/follow-repository.js';
import type { PostRepository } from './ports/post-repository.js';
import type { User, UserId } from './user.js';

export type UserCounts = FollowCounts & Readonly<{ posts: number }>;

/** A user with the numbers a profile shows beside the name. */
export type CountedUser = Readonly<{ user: User; counts: UserCounts }>;

export async function countsOf(userId: UserId, follows: FollowRepository, posts: PostRepository): Promise<UserCounts> {
  const [followCounts, postCount] = await Promise.all([follows.counts(userId), posts.countByAuthor(userId)]);
  return { ...followCounts, posts: postCount };
}

export async function withCounts(users: readonly User[], follows: FollowRepository, posts: PostRepository): Promise<CountedUser[]> {
  return Promise.all(users.map(async (user) => ({ user, counts: await countsOf(user.id, follows, posts) })));
}
