import type { NewPost, Post, TimelinePost } from '../posts/post.js';
import type { UserId } from '../user.js';

/**
 * Posts, newest first. Each list takes an offset and a limit and must cost in proportion to the
 * limit, not to how many posts or follows exist (indexes on author and time).
 */
export interface PostRepository {
  add(post: NewPost): Promise<Post>;
  /** The user's own posts and those of everyone they follow. */
  homeTimeline(userId: UserId, offset: number, limit: number): Promise<TimelinePost[]>;
  everyone(offset: number, limit: number): Promise<TimelinePost[]>;
  byAuthor(authorId: UserId, offset: number, limit: number): Promise<TimelinePost[]>;
}
