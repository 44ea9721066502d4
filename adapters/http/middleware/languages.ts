import type { Language, Translator } from '../../../domain/ports/translator.js';
import type { AppKoaContext, AppMiddleware } from '../context.js';
import { PROBLEM_JSON } from '../errors/problem-details.js';

/** The cookie that remembers a visitor's choice in the footer. Not signed: it holds nothing but a language the site speaks. */
export const LANGUAGE_COOKIE = 'language';

// Answers written in words: pages, the plain-text fallback of an error page, problems.
const TRANSLATED_TYPES = ['html', 'text/plain', PROBLEM_JSON];

/**
 * Chooses the language of each answer: the footer's choice remembered in a cookie, else the best of
 * the browser's `Accept-Language` (q-values weighed, `es-MX` served Spanish), else the default.
 * Runs outside the error boundary, so error pages speak it too, and says which language each
 * translated answer is in, and that it depends on the header.
 */
export function languages(translator: Translator): AppMiddleware {
  const [defaultLanguage = 'en'] = translator.languages;
  return async (ctx, next) => {
    const accepted = ctx.acceptsLanguages([...translator.languages]);
    ctx.state.language = chosenLanguage(ctx, translator) ?? (accepted === false ? defaultLanguage : accepted);
    ctx.state.languages = translator.languages;
    ctx.state.t = (key, values) => translator.translate(ctx.state.language, key, values);
    await next();
    if (ctx.body != null && ctx.response.is(TRANSLATED_TYPES) !== false) {
      ctx.set('Content-Language', ctx.state.language);
      ctx.vary('Accept-Language');
    }
  };
}

/** The footer's choice remembered for this browser, if it is one the site speaks. */
function chosenLanguage(ctx: AppKoaContext, translator: Translator): Language | null {
  const chosen = ctx.cookies.get(LANGUAGE_COOKIE);
  return chosen && translator.languages.includes(chosen) ? chosen : null;
}
