import type { EntityManager } from '@mikro-orm/core';
import type { LoginAttemptLog } from '../../../domain/ports/login-attempt-log.js';
import { LoginFailureSchema, type LoginFailureRow } from './login-failure-schema.js';

/** How far back failures are kept: longer than any throttle window looks. */
const RETENTION_MS = 24 * 60 * 60 * 1000;

/** Failed logins in the database, so every process of the app throttles with the same counts. */
export class MikroOrmLoginAttemptLog implements LoginAttemptLog {
  constructor(private readonly em: EntityManager) {}

  async recordFailure(keys: readonly string[], at: Date): Promise<void> {
    await this.em.insertMany<LoginFailureRow>(LoginFailureSchema, keys.map((key) => ({ key, at }) as LoginFailureRow));
    // Old rows of these keys go as new ones come, so the table stays as small as the attacks.
    await this.em.nativeDelete(LoginFailureSchema, { key: { $in: [...keys] }, at: { $lt: new Date(at.getTime() - RETENTION_MS) } });
  }

  async failuresSince(key: string, since: Date): Promise<Date[]> {
    const rows = await this.em.find(LoginFailureSchema, { key, at: { $gt: since } }, { orderBy: { at: 'asc' }, fields: ['at'], disableIdentityMap: true });
    return rows.map((row) => row.at);
  }

  async clear(key: string): Promise<void> {
    await this.em.nativeDelete(LoginFailureSchema, { key });
  }
}
