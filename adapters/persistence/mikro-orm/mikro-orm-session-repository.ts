import type { SqlEntityManager } from '@mikro-orm/knex';
import type { SessionRepository, SessionToken } from '../../../domain/ports/session-repository.js';
import type { Session } from '../../../domain/sessions/session.js';
import type { UserId } from '../../../domain/user.js';
import { newRandomToken, tokenHash } from '../random-token.js';
import { SessionSchema } from './session-schema.js';
import { toDate } from './sql-values.js';

type SessionQueryRow = { user_id: number; created_at: Date | number | string; last_active_at: Date | number | string; remember_me: boolean | number };

const FIND_BY_TOKEN_HASH = 'select user_id, created_at, last_active_at, remember_me from sessions where token_hash = ?';

/** Sessions in the database, shared by every process; the table holds token hashes only. */
export class MikroOrmSessionRepository implements SessionRepository {
  constructor(private readonly em: SqlEntityManager) {}

  async create(session: Session): Promise<SessionToken> {
    const token = newRandomToken();
    await this.em.insert(SessionSchema, { tokenHash: tokenHash(token), ...session });
    return token;
  }

  // On every logged-in request's path: one plain query, without the ORM's query building.
  async find(token: SessionToken): Promise<Session | null> {
    const [row] = await this.em.execute<SessionQueryRow[]>(FIND_BY_TOKEN_HASH, [tokenHash(token)]);
    return row ? { userId: Number(row.user_id), createdAt: toDate(row.created_at), lastActiveAt: toDate(row.last_active_at), rememberMe: Boolean(row.remember_me) } : null;
  }

  async touch(token: SessionToken, at: Date): Promise<void> {
    await this.em.nativeUpdate(SessionSchema, { tokenHash: tokenHash(token) }, { lastActiveAt: at });
  }

  async delete(token: SessionToken): Promise<void> {
    await this.em.nativeDelete(SessionSchema, { tokenHash: tokenHash(token) });
  }

  async deleteAllOf(userId: UserId, keep?: SessionToken): Promise<void> {
    const kept = keep === undefined ? {} : { tokenHash: { $ne: tokenHash(keep) } };
    await this.em.nativeDelete(SessionSchema, { userId, ...kept });
  }
}
