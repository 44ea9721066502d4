import { err, ok, ResultAsync } from 'neverthrow';
import { sessionEnded, type SessionEnded } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { SessionRepository, SessionToken } from '../ports/session-repository.js';
import { isExpired } from '../sessions/session.js';
import { ACTIVITY_PRECISION_MS, type User } from '../user.js';

export type ResumeSessionError = SessionEnded;

/**
 * Finds who a session token belongs to. A token that was logged out, has idled or lived too long,
 * or whose user is gone is ended here, on the server, whatever the cookie says.
 */
export class ResumeSession {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly clock: Clock,
  ) {}

  execute(token: SessionToken): ResultAsync<User, ResumeSessionError> {
    return ResultAsync.fromSafePromise(this.resume(token)).andThen((user) => (user ? ok(user) : err(sessionEnded())));
  }

  /** The session's user, or null once it has ended. */
  private async resume(token: SessionToken): Promise<User | null> {
    const found = await this.sessions.find(token);
    if (!found) return null;
    const { session, user } = found;
    const now = this.clock.now();
    if (isExpired(session, now)) {
      await this.sessions.delete(token);
      return null;
    }
    if (now.getTime() - session.lastActiveAt.getTime() >= ACTIVITY_PRECISION_MS) await this.sessions.touch(token, now);
    return user;
  }
}
