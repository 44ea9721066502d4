import type { BearerToken } from '../../../domain/ports/access-token-repository.js';
import type { User } from '../../../domain/user.js';
import type { AppKoaContext, AppMiddleware } from '../context.js';
import type { UseCases } from '../use-cases.js';
import { bearerTokenOf } from './credentials.js';
import { answerApi } from './api-answer.js';

/**
 * Lets a request through only with a live bearer token, and makes its user the caller. Cookies are
 * never looked at: the API has no session, so a page on another site cannot make a browser call it
 * with the user's rights (no CSRF surface).
 */
export function bearerAuth({ authenticateAccessToken, recordLastSeen }: UseCases): AppMiddleware {
  return async (ctx, next) => {
    const user = await bearerTokenOf(ctx.get('Authorization')).asyncAndThen((token) => authenticateAccessToken.execute(token));
    await answerApi(ctx, user, async (caller) => {
      ctx.state.user = await recordLastSeen.execute(caller);
      await next();
    });
  };
}

/** The user whose token authenticated the request, for operations behind `bearerAuth`. */
export function callerOf(ctx: AppKoaContext): User {
  const user = ctx.state.user;
  if (!user) throw new Error('callerOf() used on an operation without bearer authentication');
  return user;
}

/** The token that authenticated the request, for operations behind `bearerAuth`, which let it in only with one. */
export function callerTokenOf(ctx: AppKoaContext): BearerToken {
  return bearerTokenOf(ctx.get('Authorization')).match((token) => token, () => {
    throw new Error('callerTokenOf() used on an operation without bearer authentication');
  });
}
