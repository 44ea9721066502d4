import type { AppMiddleware } from '../context.js';
import type { UseCases } from '../use-cases.js';

/**
 * Loads the user whose server-side session the cookie names, and notes that they were seen. A
 * token the server no longer knows (logged out, expired, user gone) leaves an anonymous visitor.
 */
export function loadCurrentUser({ resumeSession, recordLastSeen }: UseCases): AppMiddleware {
  return async (ctx, next) => {
    ctx.state.user = null;
    const token = ctx.session?.token;
    if (typeof token === 'string') {
      const resumed = await resumeSession.execute(token);
      if (resumed.isOk()) {
        ctx.state.user = await recordLastSeen.execute(resumed.value);
      } else if (ctx.session) {
        delete ctx.session.token;
      }
    }
    await next();
  };
}
