import type { AppKoaContext, AppMiddleware } from '../context.js';
import { SESSION_COOKIE } from './session.js';

/**
 * A response to a request that carries a session, or that starts one, depends on it: a logged-in
 * page, a form with the session's CSRF token, a message that was waiting in the session. None may
 * be stored, or a shared computer's cache and back button show it to the next person after logout.
 * Outside the session middleware, so that the cookie it sets on the way out is seen here.
 */
export const noStoreWithSession: AppMiddleware = async (ctx, next) => {
  await next();
  if (sentSessionCookie(ctx) || setsSessionCookie(ctx)) ctx.set('Cache-Control', 'no-store');
};

function sentSessionCookie(ctx: AppKoaContext): boolean {
  return ctx.cookies.get(SESSION_COOKIE, { signed: false }) !== undefined;
}

function setsSessionCookie(ctx: AppKoaContext): boolean {
  const setCookie = ctx.response.get('Set-Cookie') as string | string[] | undefined;
  return [setCookie ?? []].flat().some((line) => line.startsWith(`${SESSION_COOKIE}=`));
}
