import type { NewPost, Post, PostCursor, TimelinePost } from '../posts/post.js';
import type { UserId } from '../user.js';

/**
 * Posts, newest first. Each list takes an offset and a limit and must cost in proportion to the
 * limit, not to how many posts or follows exist (indexes on author and time). The counts are for
 * clients that show how many pages there are; they cost a pass over the list's index.
 */
export interface PostRepository {
  add(post: NewPost): Promise<Post>;
  /** The user's own posts and those of everyone they follow. */
  homeTimeline(userId: UserId, offset: number, limit: number): Promise<TimelinePost[]>;
  everyone(offset: number, limit: number): Promise<TimelinePost[]>;
  byAuthor(authorId: UserId, offset: number, limit: number): Promise<TimelinePost[]>;
  /**
   * The author's posts oldest first, from just after `after` (from the first when null): a page of
   * a walk over all of them that costs the same at its end as at its start, since each page starts
   * from a position in the (author, time) index rather than counting its way past an offset.
   */
  byAuthorOldestFirst(authorId: UserId, after: PostCursor | null, limit: number): Promise<Post[]>;
  countHomeTimeline(userId: UserId): Promise<number>;
  countEveryone(): Promise<number>;
  countByAuthor(authorId: UserId): Promise<number>;
  /** The post count of each author in one go, for a list of users; an author of none counts 0. */
  countByEachAuthor(authorIds: readonly UserId[]): Promise<ReadonlyMap<UserId, number>>;
}
