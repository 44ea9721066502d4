import type { EntityManager } from '@mikro-orm/core';
import type { SessionRepository, SessionToken } from '../../../domain/ports/session-repository.js';
import type { Session } from '../../../domain/sessions/session.js';
import type { UserId } from '../../../domain/user.js';
import { newSessionToken, sessionTokenHash } from '../session-token.js';
import { SessionSchema, type SessionRow } from './session-schema.js';

/** Sessions in the database, shared by every process; the table holds token hashes only. */
export class MikroOrmSessionRepository implements SessionRepository {
  constructor(private readonly em: EntityManager) {}

  async create(session: Session): Promise<SessionToken> {
    const token = newSessionToken();
    await this.em.insert(SessionSchema, { tokenHash: sessionTokenHash(token), ...session });
    return token;
  }

  async find(token: SessionToken): Promise<Session | null> {
    const row: SessionRow | null = await this.em.findOne(SessionSchema, { tokenHash: sessionTokenHash(token) }, { disableIdentityMap: true });
    return row && { userId: row.userId, createdAt: row.createdAt, lastActiveAt: row.lastActiveAt, rememberMe: Boolean(row.rememberMe) };
  }

  async touch(token: SessionToken, at: Date): Promise<void> {
    await this.em.nativeUpdate(SessionSchema, { tokenHash: sessionTokenHash(token) }, { lastActiveAt: at });
  }

  async delete(token: SessionToken): Promise<void> {
    await this.em.nativeDelete(SessionSchema, { tokenHash: sessionTokenHash(token) });
  }

  async deleteAllOf(userId: UserId, keep?: SessionToken): Promise<void> {
    const kept = keep === undefined ? {} : { tokenHash: { $ne: sessionTokenHash(keep) } };
    await this.em.nativeDelete(SessionSchema, { userId, ...kept });
  }
}
