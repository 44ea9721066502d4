import type { Language } from '../../domain/ports/translator.js';
import type { AppKoaContext } from './context.js';

/** One language of the footer's choice: its name in itself, and where choosing it goes (and then comes back here). */
export type LanguageChoice = Readonly<{ language: Language; name: string; url: string; current: boolean }>;

const names = new Map<Language, string>();

/** Each language's name as its own speakers write it ("English", "Español"), from Intl: a new catalogue needs no name of its own. */
function nameOf(language: Language): string {
  let name = names.get(language);
  if (name === undefined) {
    const own = new Intl.DisplayNames([language], { type: 'language' }).of(language) ?? language;
    name = own.charAt(0).toLocaleUpperCase(language) + own.slice(1);
    names.set(language, name);
  }
  return name;
}

/** The footer's choice of the languages the site speaks, for the page at hand. */
export function languageChoices(ctx: AppKoaContext): LanguageChoice[] {
  const back = encodeURIComponent(ctx.originalUrl);
  return ctx.state.languages.map((language) => ({
    language,
    name: nameOf(language),
    url: `/language/${encodeURIComponent(language)}?next=${back}`,
    current: language === ctx.state.language,
  }));
}
