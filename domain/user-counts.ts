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

/** A list's counts in two queries, however long the list, rather than three per user. */
export async function withCounts(users: readonly User[], follows: FollowRepository, posts: PostRepository): Promise<CountedUser[]> {
  const ids = users.map((user) => user.id);
  const [followCounts, postCounts] = await Promise.all([follows.countsOfEach(ids), posts.countByEachAuthor(ids)]);
  return users.map((user) => ({
    user,
    counts: { ...(followCounts.get(user.id) ?? { followers: 0, following: 0 }), posts: postCounts.get(user.id) ?? 0 },
  }));
}
