import type { AppRouter } from '../context.js';
import { flash } from '../flash.js';
import { answerPage } from '../page-answer.js';
import { profileUrl } from '../presenters/post-presenter.js';
import { routeNames } from '../route-table.js';
import type { UseCases } from '../use-cases.js';
import { currentUser, loginRequired } from './login-required.js';

const drives = routeNames(import.meta.url);

export const EXPORT_IN_PROGRESS_MESSAGE = 'An export task is currently in progress';
export const EXPORTS_UNAVAILABLE_MESSAGE = 'This site sends no email, so it cannot export your posts.';

export function exportRoutes(router: AppRouter, { startExport }: UseCases): void {
  // A POST with the form's CSRF token, where the tutorial had a GET: starting an export sends an
  // email, which no link on another site may do in a logged-in browser's name.
  router.post(drives('startExport'), '/export_posts', loginRequired, async (ctx) => {
    const user = currentUser(ctx);
    if (!startExport) {
      flash(ctx, EXPORTS_UNAVAILABLE_MESSAGE, 'error');
      return ctx.redirect(profileUrl(user.username));
    }
    await answerPage(ctx, startExport.execute(user.id, ctx.state.language), () => {
      // Started: no message, since the layout of the page this leads to shows "Exporting posts... 0%"
      // already, and then its progress on every page until the email is on its way.
      ctx.redirect(profileUrl(user.username));
    }, {
      ExportInProgress: () => {
        flash(ctx, EXPORT_IN_PROGRESS_MESSAGE, 'info');
        ctx.redirect(profileUrl(user.username));
      },
    });
  });
}
