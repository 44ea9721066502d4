import { REMEMBERED_SESSION } from '../../domain/sessions/session.js';
import type { User } from '../../domain/user.js';
import type { AppKoaContext } from './context.js';
import type { UseCases } from './use-cases.js';

/**
 * Starts a fresh session for `user`: a new server-side token and a new cookie, so nothing of the
 * visitor's session (its CSRF token included) survives into the logged-in one but its pending
 * messages. Without "remember me" the cookie dies with the browser.
 */
export async function startLoggedInSession(ctx: AppKoaContext, useCases: UseCases, user: User, rememberMe: boolean): Promise<void> {
  const token = await useCases.startSession.execute({ userId: user.id, rememberMe });
  const flashes = ctx.session?.flashes;
  ctx.session = null;
  ctx.session = { token, ...(flashes ? { flashes } : {}) };
  // A remembered cookie lasts as long as the server keeps a remembered session that sits idle.
  ctx.session.maxAge = rememberMe ? REMEMBERED_SESSION.idleMs : 'session';
  ctx.state.user = user;
}

/** Ends the session on the server first, so a copy of the cookie is worthless, then drops the cookie. */
export async function endLoggedInSession(ctx: AppKoaContext, useCases: UseCases): Promise<void> {
  const token = ctx.session?.token;
  if (typeof token === 'string') await useCases.endSession.execute(token);
  ctx.session = null;
  ctx.state.user = null;
  ctx.state.exportNotice = null;
}
