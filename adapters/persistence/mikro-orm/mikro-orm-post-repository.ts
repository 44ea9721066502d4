import type { EntityManager } from '@mikro-orm/core';
import type { PostRepository } from '../../../domain/ports/post-repository.js';
import type { NewPost, Post, TimelinePost } from '../../../domain/posts/post.js';
import type { UserId } from '../../../domain/user.js';
import { PostSchema } from './post-schema.js';
import { toDate } from './sql-values.js';

type TimelineRow = { id: number; body: string; created_at: Date | number | string; author_id: number; username: string; email: string };

const TIMELINE_COLUMNS = 'select p.id, p.body, p.created_at, u.id as author_id, u.username, u.email from posts p join users u on u.id = p.author_id';
// Newest first; the id breaks ties between posts of the same millisecond, so pages never overlap.
const NEWEST_FIRST = 'order by p.created_at desc, p.id desc limit ? offset ?';

/**
 * Posts in SQL. Each timeline is one query that walks the (created_at) or (author_id, created_at)
 * index from the newest post and stops after one page: no per-post author lookups, and the
 * followed ids stay inside the database instead of being loaded into memory.
 */
export class MikroOrmPostRepository implements PostRepository {
  constructor(private readonly em: EntityManager) {}

  async add(post: NewPost): Promise<Post> {
    const id = await this.em.insert(PostSchema, { ...post });
    return { id: Number(id), ...post };
  }

  homeTimeline(userId: UserId, offset: number, limit: number): Promise<TimelinePost[]> {
    return this.timeline(
      `${TIMELINE_COLUMNS} where p.author_id = ? or p.author_id in (select followed_id from follows where follower_id = ?) ${NEWEST_FIRST}`,
      [userId, userId, limit, offset],
    );
  }

  everyone(offset: number, limit: number): Promise<TimelinePost[]> {
    return this.timeline(`${TIMELINE_COLUMNS} ${NEWEST_FIRST}`, [limit, offset]);
  }

  byAuthor(authorId: UserId, offset: number, limit: number): Promise<TimelinePost[]> {
    return this.timeline(`${TIMELINE_COLUMNS} where p.author_id = ? ${NEWEST_FIRST}`, [authorId, limit, offset]);
  }

  private async timeline(sql: string, params: readonly unknown[]): Promise<TimelinePost[]> {
    const rows = (await this.em.getConnection().execute(sql, [...params])) as TimelineRow[];
    return rows.map((row) => ({
      id: Number(row.id),
      body: row.body,
      createdAt: toDate(row.created_at),
      author: { id: Number(row.author_id), username: row.username, email: row.email },
    }));
  }
}
