import type { AppMiddleware } from '../context.js';
import type { UseCases } from '../use-cases.js';

/**
 * Loads the user the session names and notes that they were seen. A session whose user no longer
 * exists is ended rather than trusted.
 */
export function currentUser({ identifyUser, recordLastSeen }: UseCases): AppMiddleware {
  return async (ctx, next) => {
    ctx.state.user = null;
    const userId = ctx.session?.userId;
    if (typeof userId === 'number') {
      const user = await identifyUser.execute(userId);
      if (user) {
        ctx.state.user = user;
        await recordLastSeen.execute(user);
      } else {
        ctx.session = null;
      }
    }
    await next();
  };
}
