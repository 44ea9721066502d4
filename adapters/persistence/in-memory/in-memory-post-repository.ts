import type { PostRepository } from '../../../domain/ports/post-repository.js';
import type { UserRepository } from '../../../domain/ports/user-repository.js';
import type { NewPost, Post, PostCursor, TimelinePost } from '../../../domain/posts/post.js';
import type { UserId } from '../../../domain/user.js';
import type { InMemoryFollowRepository } from './in-memory-follow-repository.js';
import type { Restorable } from './in-memory-transactions.js';

/** Posts in one process's memory, for domain tests; it reads authors and follows from its siblings. */
export class InMemoryPostRepository implements PostRepository, Restorable {
  private readonly posts: Post[] = [];
  private nextId = 1;

  constructor(
    private readonly users: UserRepository,
    private readonly follows: InMemoryFollowRepository,
  ) {}

  async add(post: NewPost): Promise<Post> {
    const stored = { ...post, id: this.nextId++ };
    this.posts.push(stored);
    return stored;
  }

  homeTimeline(userId: UserId, offset: number, limit: number): Promise<TimelinePost[]> {
    const authors = this.follows.followedBy(userId).add(userId);
    return this.page((post) => authors.has(post.authorId), offset, limit);
  }

  everyone(offset: number, limit: number): Promise<TimelinePost[]> {
    return this.page(() => true, offset, limit);
  }

  byAuthor(authorId: UserId, offset: number, limit: number): Promise<TimelinePost[]> {
    return this.page((post) => post.authorId === authorId, offset, limit);
  }

  async byAuthorOldestFirst(authorId: UserId, after: PostCursor | null, limit: number): Promise<Post[]> {
    return this.posts
      .filter((post) => post.authorId === authorId && (after === null || compareInTime(post, after) > 0))
      .sort(compareInTime)
      .slice(0, limit);
  }

  async countHomeTimeline(userId: UserId): Promise<number> {
    const authors = this.follows.followedBy(userId).add(userId);
    return this.posts.filter((post) => authors.has(post.authorId)).length;
  }

  async countEveryone(): Promise<number> {
    return this.posts.length;
  }

  async countByAuthor(authorId: UserId): Promise<number> {
    return this.posts.filter((post) => post.authorId === authorId).length;
  }

  async countByEachAuthor(authorIds: readonly UserId[]): Promise<ReadonlyMap<UserId, number>> {
    return new Map(await Promise.all(authorIds.map(async (id) => [id, await this.countByAuthor(id)] as const)));
  }

  snapshot(): () => void {
    const saved = [...this.posts];
    return () => void this.posts.splice(0, this.posts.length, ...saved);
  }

  private async page(include: (post: Post) => boolean, offset: number, limit: number): Promise<TimelinePost[]> {
    const newestFirst = this.posts.filter(include)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id)
      .slice(offset, offset + limit);
    const shown: TimelinePost[] = [];
    for (const post of newestFirst) {
      const author = await this.users.findById(post.authorId);
      if (author) shown.push({ id: post.id, body: post.body, createdAt: post.createdAt, author: { id: author.id, username: author.username, email: author.email } });
    }
    return shown;
  }
}

/** Oldest first, the id breaking ties between posts of one millisecond, as the SQL indexes order them. */
function compareInTime(a: PostCursor, b: PostCursor): number {
  return a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id;
}
