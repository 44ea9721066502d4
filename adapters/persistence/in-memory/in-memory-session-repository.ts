import type { SessionRepository, SessionToken } from '../../../domain/ports/session-repository.js';
import type { Session } from '../../../domain/sessions/session.js';
import type { UserId } from '../../../domain/user.js';
import { newSessionToken, sessionTokenHash } from '../session-token.js';

/** Sessions of one process, for domain tests. */
export class InMemorySessionRepository implements SessionRepository {
  private readonly sessions = new Map<string, Session>();

  async create(session: Session): Promise<SessionToken> {
    const token = newSessionToken();
    this.sessions.set(sessionTokenHash(token), { ...session });
    return token;
  }

  async find(token: SessionToken): Promise<Session | null> {
    const session = this.sessions.get(sessionTokenHash(token));
    return session ? { ...session } : null;
  }

  async touch(token: SessionToken, at: Date): Promise<void> {
    const hash = sessionTokenHash(token);
    const session = this.sessions.get(hash);
    if (session) this.sessions.set(hash, { ...session, lastActiveAt: at });
  }

  async delete(token: SessionToken): Promise<void> {
    this.sessions.delete(sessionTokenHash(token));
  }

  async deleteAllOf(userId: UserId, keep?: SessionToken): Promise<void> {
    const kept = keep === undefined ? undefined : sessionTokenHash(keep);
    for (const [hash, session] of this.sessions) {
      if (session.userId === userId && hash !== kept) this.sessions.delete(hash);
    }
  }
}
