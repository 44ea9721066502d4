import type { Language, Translator } from '../../../domain/ports/translator.js';
import type { AppKoaContext, AppMiddleware } from '../context.js';
import { PROBLEM_JSON } from '../errors/problem-details.js';
import { remembered } from '../remembered.js';

/** The cookie that remembers a visitor's choice in the footer. Not signed: it holds nothing but a language the site speaks. */
export const LANGUAGE_COOKIE = 'language';

// Answers written in words: pages, the plain-text fallback of an error page, problems.
const TRANSLATED_TYPES = ['html', 'text/plain', PROBLEM_JSON];

// Browsers send the same few headers over and over: each header's best language, and each content
// type's need of a Content-Language, is worked out once instead of parsed on every request.
const MEMORY_LIMIT = 1000;

/**
 * Chooses the language of each answer: the footer's choice remembered in a cookie, else the best of
 * the browser's `Accept-Language` (q-values weighed, `es-MX` served Spanish), else the default.
 * Runs outside the error boundary, so error pages speak it too, and says which language each
 * translated answer is in, and that it depends on the header.
 */
export function languages(translator: Translator): AppMiddleware {
  const [defaultLanguage = 'en'] = translator.languages;
  const accepted = remembered<string | undefined, Language>(MEMORY_LIMIT);
  const translated = remembered<string, boolean>(MEMORY_LIMIT);
  return async (ctx, next) => {
    ctx.state.language = chosenLanguage(ctx, translator) ?? accepted(ctx.headers['accept-language'], () => {
      const best = ctx.acceptsLanguages([...translator.languages]);
      return best === false ? defaultLanguage : best;
    });
    ctx.state.languages = translator.languages;
    ctx.state.t = (key, values) => translator.translate(ctx.state.language, key, values);
    await next();
    if (ctx.body != null && translated(ctx.response.get('Content-Type'), () => ctx.response.is(TRANSLATED_TYPES) !== false)) {
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
