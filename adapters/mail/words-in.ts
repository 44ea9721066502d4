import type { Language, MessageValues, Translator } from '../../domain/ports/translator.js';

/** An email template's `t`: a message's key in the language of the person the email is for, or the site's default. */
export function wordsIn(translator: Translator, language: Language | null): (key: string, values?: MessageValues) => string {
  const [defaultLanguage = ''] = translator.languages;
  return (key, values) => translator.translate(language ?? defaultLanguage, key, values);
}
