import type { SqlEntityManager } from '@mikro-orm/knex';
import type { SessionRepository, SessionToken, SessionWithUser } from '../../../domain/ports/session-repository.js';
import type { Session } from '../../../domain/sessions/session.js';
import type { UserId } from '../../../domain/user.js';
import { newRandomToken, tokenHash } from '../random-token.js';
import { userOf, type UserRow } from './mikro-orm-user-repository.js';
import type { PreparedReads, ReadStatement } from './prepared-reads.js';
import { SessionSchema } from './session-schema.js';
import { toDate } from './sql-values.js';

type SessionWithUserRow = UserRow & { created_at: Date | number | string; last_active_at: Date | number | string; remember_me: boolean | number };

// Every logged-in request starts here: the session and its user in one query, on two primary keys.
const FIND_WITH_USER: ReadStatement = {
  name: 'session_with_user',
  sql: 'select s.created_at, s.last_active_at, s.remember_me, u.id, u.username, u.email, u.password_hash, u.about_me, u.last_seen, u.language '
    + 'from sessions s join users u on u.id = s.user_id where s.token_hash = ?',
};

/** Sessions in the database, shared by every process; the table holds token hashes only. */
export class MikroOrmSessionRepository implements SessionRepository {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly reads: PreparedReads,
  ) {}

  async create(session: Session): Promise<SessionToken> {
    const token = newRandomToken();
    await this.em.insert(SessionSchema, { tokenHash: tokenHash(token), ...session });
    return token;
  }

  async find(token: SessionToken): Promise<SessionWithUser | null> {
    const [row] = await this.reads.all<SessionWithUserRow>(FIND_WITH_USER, [tokenHash(token)]);
    if (!row) return null;
    const user = userOf(row);
    const session: Session = { userId: user.id, createdAt: toDate(row.created_at), lastActiveAt: toDate(row.last_active_at), rememberMe: Boolean(row.remember_me) };
    return { session, user };
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
