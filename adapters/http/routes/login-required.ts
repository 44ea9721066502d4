import type { User } from '../../../domain/user.js';
import type { AppKoaContext, AppMiddleware } from '../context.js';
import { flash } from '../flash.js';

export const LOGIN_REQUIRED_MESSAGE = 'Please log in to access this page.';

/** Sends visitors to the login form, which brings them back here afterwards. */
export const loginRequired: AppMiddleware = async (ctx, next) => {
  if (ctx.state.user) {
    await next();
    return;
  }
  flash(ctx, LOGIN_REQUIRED_MESSAGE);
  ctx.redirect(`/login?next=${encodeURIComponent(ctx.originalUrl)}`);
};

/** The logged-in user, for handlers behind `loginRequired`. */
export function currentUser(ctx: AppKoaContext): User {
  const user = ctx.state.user;
  if (!user) throw new Error('currentUser() used on a route without loginRequired');
  return user;
}
