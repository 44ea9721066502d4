import type { AppKoaContext } from '../context.js';
import { languageChoices } from '../language-choices.js';
import type { ErrorResponse } from './error-handlers.js';

export type ErrorPageModel = ErrorResponse & Readonly<{ reference: string | null }>;

/**
 * The HTML error page, in the site's layout. It reads nothing it would have to load: the user is
 * shown only if already loaded, and a session that cannot hand out a token just leaves the logout
 * button out. May throw (a broken template), which the boundary answers with plain text.
 */
export function renderErrorPage(ctx: AppKoaContext, page: ErrorPageModel): Promise<void> {
  const { t } = ctx.state;
  return ctx.render('errors/error.pug', {
    ...page, title: t(page.title), detail: t(page.detail, page.detailValues), flashes: [], languageChoices: languageChoices(ctx), csrfToken: () => tokenOrNull(ctx),
  });
}

function tokenOrNull(ctx: AppKoaContext): string | null {
  try {
    return ctx.state.csrfToken();
  } catch {
    return null;
  }
}
