import type { AppMiddleware } from '../context.js';
import { presentExportNotice } from '../presenters/export-presenter.js';
import type { UseCases } from '../use-cases.js';

/**
 * Loads the user whose server-side session the cookie names, and notes that they were seen. A
 * token the server no longer knows (logged out, expired, user gone) leaves an anonymous visitor.
 * A language the user chose is the request's. With the user come the notices every page's layout
 * may show: their latest export and the count of their unread messages for the nav, in one
 * indexed read, on logged-in requests only.
 */
export function loadCurrentUser({ resumeSession, recordLastSeen, getAccountNotices }: UseCases): AppMiddleware {
  return async (ctx, next) => {
    ctx.state.user = null;
    ctx.state.exportNotice = null;
    ctx.state.unreadMessages = 0;
    const token = ctx.session?.token;
    if (typeof token === 'string') {
      await resumeSession.execute(token).match(async (resumed) => {
        const user = await recordLastSeen.execute(resumed);
        ctx.state.user = user;
        // The profile's language wins over this browser's cookie and header: it is the user's own choice, made anywhere.
        if (user.language && ctx.state.languages.includes(user.language)) ctx.state.language = user.language;
        const notices = await getAccountNotices.execute(user.id);
        ctx.state.exportNotice = presentExportNotice(notices.latestExport);
        ctx.state.unreadMessages = notices.unreadMessages;
      }, () => {
        if (ctx.session) delete ctx.session.token;
      });
    }
    await next();
  };
}
