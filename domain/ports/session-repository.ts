import type { Session } from '../sessions/session.js';
import type { User, UserId } from '../user.js';

/** An opaque, unguessable reference to a session; what the cookie carries. */
export type SessionToken = string;

/** A session and the user it belongs to, read together: every logged-in request needs both. */
export type SessionWithUser = Readonly<{ session: Session; user: User }>;

export interface SessionRepository {
  /** Stores a new session under a fresh random token, which is returned; only its hash is kept. */
  create(session: Session): Promise<SessionToken>;
  /** The session `token` names, with its user; null when there is none. */
  find(token: SessionToken): Promise<SessionWithUser | null>;
  touch(token: SessionToken, at: Date): Promise<void>;
  delete(token: SessionToken): Promise<void>;
  /** Ends every session of `userId` but `keep`. */
  deleteAllOf(userId: UserId, keep?: SessionToken): Promise<void>;
}
