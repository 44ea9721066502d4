import type { Clock } from '../ports/clock.js';
import type { SessionRepository, SessionToken } from '../ports/session-repository.js';
import type { UserId } from '../user.js';

/** Opens a new server-side session at login: a fresh token every time, so no session is fixated. */
export class StartSession {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly clock: Clock,
  ) {}

  execute(input: Readonly<{ userId: UserId; rememberMe: boolean }>): Promise<SessionToken> {
    const now = this.clock.now();
    return this.sessions.create({ userId: input.userId, createdAt: now, lastActiveAt: now, rememberMe: input.rememberMe });
  }
}
