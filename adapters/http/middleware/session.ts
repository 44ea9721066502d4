import type Koa from 'koa';
import createSession from 'koa-session';
import type { AppMiddleware } from '../context.js';

export const SESSION_COOKIE = 'microblog_session';

/**
 * Signed cookie sessions (signed with the app's `keys`: the newest SECRET_KEY signs, older ones
 * still verify). The cookie is HttpOnly and SameSite=Lax, Secure whenever the request came over
 * HTTPS (directly or, with a trusted proxy, as X-Forwarded-Proto says), and lives as long as the
 * browser unless "remember me" gives it a lifetime. It holds a reference to the server-side
 * session, the CSRF token and pending messages, never who the user is.
 */
export function sessions(app: Koa): AppMiddleware {
  const session = createSession({
    key: SESSION_COOKIE,
    maxAge: 'session',
    httpOnly: true,
    sameSite: 'lax',
    signed: true,
    overwrite: true,
  }, app) as AppMiddleware;
  // koa-session copies its options for each request when the request's session is first touched;
  // touching them here, before the session middleware runs, sets Secure on that copy without a
  // layer of its own around every request.
  return async (ctx, next) => {
    ctx.sessionOptions.secure = ctx.secure;
    await session(ctx, next);
  };
}
