import type { UserId } from '../user.js';

/**
 * A logged-in session, kept on the server so it can be ended: at logout, when it has been idle or
 * alive too long, or when the account's name changes. The cookie holds only an opaque token.
 */
export type Session = Readonly<{
  userId: UserId;
  createdAt: Date;
  lastActiveAt: Date;
  rememberMe: boolean;
}>;

export type SessionLifetime = Readonly<{ idleMs: number; absoluteMs: number }>;

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

// OWASP's session management guidance: an idle timeout and an absolute one, both enforced by the
// server. "Remember me" is the explicit, longer variant.
export const BROWSER_SESSION: SessionLifetime = { idleMs: 2 * HOUR, absoluteMs: 12 * HOUR };
export const REMEMBERED_SESSION: SessionLifetime = { idleMs: 30 * DAY, absoluteMs: 90 * DAY };

export function lifetimeOf(session: Pick<Session, 'rememberMe'>): SessionLifetime {
  return session.rememberMe ? REMEMBERED_SESSION : BROWSER_SESSION;
}

export function isExpired(session: Session, now: Date): boolean {
  const { idleMs, absoluteMs } = lifetimeOf(session);
  return now.getTime() - session.lastActiveAt.getTime() > idleMs || now.getTime() - session.createdAt.getTime() > absoluteMs;
}
