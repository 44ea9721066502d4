import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { ATTEMPT_RETENTION_MS, type AttemptId, type AttemptRoom, type LoginAttemptLog } from '../../../domain/ports/login-attempt-log.js';
import { LoginFailureSchema, type LoginFailureRow } from './login-failure-schema.js';

const COUNT_SINCE = 'select count(*) as "count" from "login_failures" where "key" = ? and "at" > ?';
const INSERT_IF_ROOM = `insert into "login_failures" ("key", "at") select ?, ? where (${COUNT_SINCE}) < ? returning "id"`;

/**
 * How attempts on one key are kept from overlapping. `one-statement`: a write statement holds the
 * database's only write lock from start to end (SQLite), so a single statement that counts and
 * inserts is atomic, and nothing holds the lock between two round trips. Otherwise, SQL that locks
 * the key bound to `?` until the transaction ends (a PostgreSQL advisory lock), so the count and
 * the insert can be two statements in one transaction.
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

  async reserve(key: string, at: Date, room: AttemptRoom): Promise<AttemptId | null> {
    const attempt = await this.insertIfRoom(key, at, room);
    if (attempt !== null) await this.forgetOld([key], at);
    return attempt;
  }

  private async insertIfRoom(key: string, at: Date, room: AttemptRoom): Promise<AttemptId | null> {
    const exclusion = this.exclusion;
    if (exclusion === 'one-statement') {
      const [row] = await this.em.execute<{ id: number }[]>(INSERT_IF_ROOM, [key, at, key, room.since, room.limit]);
      return row ? attemptId(row.id) : null;
    }
    return this.em.transactional(async (em: EntityManager) => {
      const sql = em as SqlEntityManager;
      await sql.execute(exclusion.lockSql, [key]);
      const [row] = await sql.execute<CountRow[]>(COUNT_SINCE, [key, room.since]);
      if (Number(row?.count ?? 0) >= room.limit) return null;
      return attemptId(await sql.insert(LoginFailureSchema, { key, at }));
    });
  }

  async withdraw(key: string, attempt: AttemptId): Promise<void> {
    await this.em.nativeDelete(LoginFailureSchema, { key, id: Number(attempt) });
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
