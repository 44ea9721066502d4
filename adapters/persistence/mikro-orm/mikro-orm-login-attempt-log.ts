import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { ATTEMPT_RETENTION_MS, type AttemptId, type AttemptRoom, type LoginAttemptLog } from '../../../domain/ports/login-attempt-log.js';
import { LoginFailureSchema, type LoginFailureRow } from './login-failure-schema.js';

const COUNT_SINCE = 'select count(*) as "count" from "login_failures" where "key" = ? and "at" > ?';

/**
 * One statement that records an attempt under each of `keys` keys (bound as `(values (?), …)`) only
 * if every key has fewer attempts than its limit: the time, the keys, then each key's key, since and limit.
 */
function insertIfRoom(keys: number): string {
  const values = Array.from({ length: keys }, () => '(?)').join(', ');
  const room = Array.from({ length: keys }, () => `(${COUNT_SINCE}) < ?`).join(' and ');
  return `insert into "login_failures" ("key", "at") select "column1", ? from (values ${values}) where ${room} returning "id"`;
}

/**
 * How attempts on one key are kept from overlapping. `one-statement`: a write statement holds the
 * database's only write lock from start to end (SQLite), so a single statement that counts and
 * inserts is atomic, and nothing holds the lock between two round trips. Otherwise, SQL that locks
 * the key bound to `?` until the transaction ends (a PostgreSQL advisory lock), so the counts and
 * the inserts can be separate statements in one transaction.
 */
export type KeyExclusion = 'one-statement' | Readonly<{ lockSql: string }>;

// PostgreSQL counts as bigint, which its driver hands over as text.
type CountRow = { count: number | string };

/** Failed logins in the database, so every process of the app throttles with the same counts. */
export class MikroOrmLoginAttemptLog implements LoginAttemptLog {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly exclusion: KeyExclusion,
  ) {}

  async reserve(rooms: readonly AttemptRoom[], at: Date): Promise<AttemptId[] | null> {
    const attempts = await this.insertIfRoom(rooms, at);
    if (attempts !== null) await this.forgetOld(rooms.map(({ key }) => key), at);
    return attempts;
  }

  private async insertIfRoom(rooms: readonly AttemptRoom[], at: Date): Promise<AttemptId[] | null> {
    const exclusion = this.exclusion;
    if (exclusion === 'one-statement') {
      const parameters = [at, ...rooms.map(({ key }) => key), ...rooms.flatMap(({ key, since, limit }) => [key, since, limit])];
      const rows = await this.em.execute<{ id: number }[]>(insertIfRoom(rooms.length), parameters);
      return rows.length > 0 ? rows.map((row) => attemptId(row.id)) : null;
    }
    return this.em.transactional(async (em: EntityManager) => {
      const sql = em as SqlEntityManager;
      // Every reservation locks its keys in one order, so two that share keys never wait for each other in a circle.
      for (const key of rooms.map(({ key }) => key).sort()) await sql.execute(exclusion.lockSql, [key]);
      for (const { key, since, limit } of rooms) {
        const [row] = await sql.execute<CountRow[]>(COUNT_SINCE, [key, since]);
        if (Number(row?.count ?? 0) >= limit) return null;
      }
      const values = rooms.map(() => '(?, ?)').join(', ');
      const rows = await sql.execute<{ id: number }[]>(`insert into "login_failures" ("key", "at") values ${values} returning "id"`, rooms.flatMap(({ key }) => [key, at]));
      return rows.map((row) => attemptId(row.id));
    });
  }

  async withdraw(attempts: readonly AttemptId[]): Promise<void> {
    await this.em.nativeDelete(LoginFailureSchema, { id: { $in: attempts.map(Number) } });
  }

  async recordFailure(keys: readonly string[], at: Date): Promise<void> {
    await this.em.insertMany<LoginFailureRow>(LoginFailureSchema, keys.map((key) => ({ key, at }) as LoginFailureRow));
    await this.forgetOld(keys, at);
  }

  async failuresSince(key: string, since: Date): Promise<Date[]> {
    const rows = await this.em.find(LoginFailureSchema, { key, at: { $gt: since } }, { orderBy: { at: 'asc' }, fields: ['at'], disableIdentityMap: true });
    return rows.map((row) => row.at);
  }

  async clear(key: string): Promise<void> {
    await this.em.nativeDelete(LoginFailureSchema, { key });
  }

  // Old rows of these keys go as new ones come, so the table stays as small as the attacks.
  private async forgetOld(keys: readonly string[], now: Date): Promise<void> {
    await this.em.nativeDelete(LoginFailureSchema, { key: { $in: [...keys] }, at: { $lt: new Date(now.getTime() - ATTEMPT_RETENTION_MS) } });
  }
}

const attemptId = (id: number | string): AttemptId => String(id) as AttemptId;
