import type { SqlEntityManager } from '@mikro-orm/knex';
import type { TimelinePost } from '../../../domain/posts/post.js';

/**
 * Raw query rows carry the driver's form of a time: SQLite the stored milliseconds (a number, or
 * digits as text), PostgreSQL a Date (or its text).
 */
export function toDate(value: Date | number | string): Date {
  if (value instanceof Date) return value;
  return new Date(typeof value === 'number' || /^\d+$/.test(value) ? Number(value) : value);
}

/** A post with its author, as the timelines and the search select it. */
export type TimelineRow = { id: number; body: string; created_at: Date | number | string; author_id: number; username: string; email: string };

export function timelinePostOf(row: TimelineRow): TimelinePost {
  return {
    id: Number(row.id),
    body: row.body,
    createdAt: toDate(row.created_at),
    author: { id: Number(row.author_id), username: row.username, email: row.email },
  };
}

export function toNullableDate(value: Date | number | string | null): Date | null {
  return value === null ? null : toDate(value);
}

/** Runs a `select count(*) as count` query; PostgreSQL counts as bigint, which its driver hands over as text. */
export async function countOf(em: SqlEntityManager, sql: string, params: readonly unknown[] = []): Promise<number> {
  const [row] = await em.execute<{ count: number | string }[]>(sql, [...params]);
  return Number(row?.count ?? 0);
}

/** `?, ?, ?`: one bound parameter per value, for an `in (…)` list. */
export function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}
