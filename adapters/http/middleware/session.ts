import type Koa from 'koa';
import createSession from 'koa-session';
import type { AppMiddleware } from '../context.js';

export const SESSION_COOKIE = 'microblog_session';

/**
 * Signed cookie sessions (the keys are the app's `keys`, from SECRET_KEY). The cookie is HttpOnly
 * and SameSite=Lax, and lives as long as the browser unless "remember me" gives it a lifetime.
 */
export function sessions(app: Koa): AppMiddleware {
  return createSession({
    key: SESSION_COOKIE,
    maxAge: 'session',
    httpOnly: true,
    sameSite: 'lax',
    signed: true,
    overwrite: true,
    renew: true,
  }, app) as AppMiddleware;
}
