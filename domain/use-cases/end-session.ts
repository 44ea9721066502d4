import type { SessionRepository, SessionToken } from '../ports/session-repository.js';

/** Logout: the session is deleted on the server, so a copy of its cookie is worth nothing. */
export class EndSession {
  constructor(private readonly sessions: SessionRepository) {}

  execute(token: SessionToken): Promise<void> {
    return this.sessions.delete(token);
  }
}
