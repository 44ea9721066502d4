import type { SessionRepository, SessionToken, SessionWithUser } from '../../../domain/ports/session-repository.js';
import type { UserRepository } from '../../../domain/ports/user-repository.js';
import type { Session } from '../../../domain/sessions/session.js';
import type { UserId } from '../../../domain/user.js';
import { newRandomToken, tokenHash } from '../random-token.js';
import { snapshotOf, type Restorable } from './in-memory-transactions.js';

/** Sessions of one process, for domain tests. */
export class InMemorySessionRepository implements SessionRepository, Restorable {
  private readonly sessions = new Map<string, Session>();

  /** Where the sessions' users are: a session is found with its user, or not at all. */
  constructor(private readonly users: UserRepository) {}

  async create(session: Session): Promise<SessionToken> {
    const token = newRandomToken();
    this.sessions.set(tokenHash(token), { ...session });
    return token;
  }

  async find(token: SessionToken): Promise<SessionWithUser | null> {
    const session = this.sessions.get(tokenHash(token));
    const user = session ? await this.users.findById(session.userId) : null;
    return session && user ? { session: { ...session }, user } : null;
  }

  async touch(token: SessionToken, at: Date): Promise<void> {
    const hash = tokenHash(token);
    const session = this.sessions.get(hash);
    if (session) this.sessions.set(hash, { ...session, lastActiveAt: at });
  }

  async delete(token: SessionToken): Promise<void> {
    this.sessions.delete(tokenHash(token));
  }

  async deleteAllOf(userId: UserId, keep?: SessionToken): Promise<void> {
    const kept = keep === undefined ? undefined : tokenHash(keep);
    for (const [hash, session] of this.sessions) {
      if (session.userId === userId && hash !== kept) this.sessions.delete(hash);
    }
  }

  snapshot(): () => void {
    return snapshotOf(this.sessions);
  }
}
