import type { AppMiddleware } from '../context.js';
import { presentExportNotice } from '../presenters/export-presenter.js';
import type { UseCases } from '../use-cases.js';

/**
 * Loads the user whose server-side session the cookie names, and notes that they were seen. A
 * token the server no longer knows (logged out, expired, user gone) leaves an anonymous visitor.
 * With the user comes their latest export, which every page's layout may mention: one indexed
 * lookup, on logged-in requests only.
 */
export function loadCurrentUser({ resumeSession, recordLastSeen, getExport }: UseCases): AppMiddleware {
  return async (ctx, next) => {
    ctx.state.user = null;
    ctx.state.exportNotice = null;
    const token = ctx.session?.token;
    if (typeof token === 'string') {
      await resumeSession.execute(token).match(async (resumed) => {
        const user = await recordLastSeen.execute(resumed);
        ctx.state.user = user;
        ctx.state.exportNotice = presentExportNotice(await getExport.latestOf(user.id));
      }, () => {
        if (ctx.session) delete ctx.session.token;
      });
    }
    await next();
  };
}
