import type { Session } from '../sessions/session.js';
import type { UserId } from '../user.js';

/** An opaque, unguessable reference to a session; what the cookie carries. */
export type SessionToken = string;

export interface SessionRepository {
  /** Stores a new session under a fresh random token, which is returned; only its hash is kept. */
  create(session: Session): Promise<SessionToken>;
  find(token: SessionToken): Promise<Session | null>;
  touch(token: SessionToken, at: Date): Promise<void>;
  delete(token: SessionToken): Promise<void>;
  /** Ends every session of `userId` but `keep`. */
  deleteAllOf(userId: UserId, keep?: SessionToken): Promise<void>;
}
