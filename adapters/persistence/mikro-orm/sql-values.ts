import type { SqlEntityManager } from '@mikro-orm/knex';

/**
 * Raw query rows carry the driver's form of a time: SQLite the stored milliseconds (a number, or
 * digits as text), PostgreSQL a Date (or its text).
 */
export function toDate(value: Date | number | string): Date {
  if (value instanceof Date) return value;
  return new Date(typeof value === 'number' || /^\d+$/.test(value) ? Number(value) : value);
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
