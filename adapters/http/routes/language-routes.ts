import type { Language } from '../../../domain/ports/translator.js';
import type { AppKoaContext, AppRouter } from '../context.js';
import { LANGUAGE_COOKIE } from '../middleware/languages.js';
import { routeNames } from '../route-table.js';
import { safeNextPath } from '../safe-next.js';
import type { UseCases } from '../use-cases.js';
import { currentUser, loginRequired } from './login-required.js';

const drives = routeNames(import.meta.url);

// A year: a visitor who chose a language once should not be asked again on every visit.
const REMEMBERED_MS = 365 * 24 * 3600 * 1000;

/**
 * The footer's language choice: remembered in a cookie, and goes back to the page it was made on; a
 * language the site does not speak is no page. A visitor's is a plain link, since it changes
 * nothing but the language the site speaks to that browser, and so needs no session and no CSRF
 * token on every page. A logged-in user's is a form posted with the CSRF token, since it also
 * changes their profile: a link on another site must not be able to.
 */
export function languageRoutes(router: AppRouter, { chooseLanguage }: UseCases): void {
  router.get(drives(), '/language/:language', (ctx) => remember(ctx, ctx.params.language ?? '', async () => undefined));
  router.post(drives('chooseLanguage'), '/language/:language', loginRequired, (ctx) =>
    // Saving a language cannot be refused: the result holds nothing to read.
    remember(ctx, ctx.params.language ?? '', async (language) => void await chooseLanguage.execute(currentUser(ctx), language)));
}

async function remember(ctx: AppKoaContext, language: string, save: (language: Language) => Promise<void>): Promise<void> {
  if (!ctx.state.languages.includes(language)) return ctx.state.showErrorPage({ status: 404, outcome: 'UnknownLanguage' });
  await save(language);
  ctx.cookies.set(LANGUAGE_COOKIE, language, { maxAge: REMEMBERED_MS, httpOnly: true, sameSite: 'lax', secure: ctx.secure, signed: false, overwrite: true });
  ctx.redirect(safeNextPath(ctx.query.next) ?? '/index');
}
