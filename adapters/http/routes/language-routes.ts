import type { AppRouter } from '../context.js';
import { LANGUAGE_COOKIE } from '../middleware/languages.js';
import { routeNames } from '../route-table.js';
import { safeNextPath } from '../safe-next.js';
import type { UseCases } from '../use-cases.js';

const drives = routeNames(import.meta.url);

// A year: a visitor who chose a language once should not be asked again on every visit.
const REMEMBERED_MS = 365 * 24 * 3600 * 1000;

/**
 * The footer's language links: remembers the choice in a cookie, and with a logged-in user's profile
 * too, and goes back to the page it was made on. A GET, since it changes nothing but the language the
 * site speaks to this visitor, and so needs no session and no CSRF token on every page; a language
 * the site does not speak is no page.
 */
export function languageRoutes(router: AppRouter, { chooseLanguage }: UseCases): void {
  router.get(drives(), '/language/:language', async (ctx) => {
    const language = ctx.params.language ?? '';
    if (!ctx.state.languages.includes(language)) return ctx.state.showErrorPage({ status: 404, outcome: 'UnknownLanguage' });
    // Saving a language cannot be refused: the result holds nothing to read.
    if (ctx.state.user) void await chooseLanguage.execute(ctx.state.user, language);
    ctx.cookies.set(LANGUAGE_COOKIE, language, { maxAge: REMEMBERED_MS, httpOnly: true, sameSite: 'lax', secure: ctx.secure, signed: false, overwrite: true });
    ctx.redirect(safeNextPath(ctx.query.next) ?? '/index');
  });
}
