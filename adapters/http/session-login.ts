import type { User } from '../../domain/user.js';
import type { AppKoaContext } from './context.js';

/** How long "Remember me" keeps a login across browser restarts. */
export const REMEMBER_ME_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Starts a fresh session for `user`: nothing of the visitor's session survives into the logged-in
 * one but its pending messages, and its CSRF token is replaced. Without "remember me" the cookie
 * dies with the browser.
 */
export function startLoggedInSession(ctx: AppKoaContext, user: User, rememberMe: boolean): void {
  const flashes = ctx.session?.flashes;
  ctx.session = null;
  ctx.session = { userId: user.id, ...(flashes ? { flashes } : {}) };
  ctx.session.maxAge = rememberMe ? REMEMBER_ME_MS : 'session';
  ctx.state.user = user;
}

export function endSession(ctx: AppKoaContext): void {
  ctx.session = null;
  ctx.state.user = null;
}
