// The site's words in every language, from one JSON catalogue per language (`locales/<tag>.json`,
// the English text as the key and ICU MessageFormat as the value), compiled once at start with
// messageformat: a page's words then cost one function call each, never a parse.
import messageFormat, { type MessageFunction } from '@messageformat/core';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Language, MessageValues, Translator } from '../../domain/ports/translator.js';

// The package is CommonJS whose types declare an ES default export: imported from ES modules, the
// module itself is the class.
const MessageFormat = messageFormat as unknown as typeof messageFormat.default;

export const DEFAULT_LANGUAGE = 'en';

type Compiled = ReadonlyMap<string, MessageFunction<'string'>>;

/** One language's catalogue as a translator edits it: key to ICU message. */
export type CatalogueText = Readonly<Record<string, string>>;

export class MessageCatalogue implements Translator {
  readonly languages: readonly Language[];
  readonly #compiled: ReadonlyMap<Language, Compiled>;

  /** Every `<tag>.json` in `dir` is a language; a message that does not compile stops the start. */
  static fromDirectory(dir: string): MessageCatalogue {
    const files = readdirSync(dir).filter((name) => name.endsWith('.json'));
    return new MessageCatalogue(new Map(files.map((name) => [basename(name, '.json'), readCatalogue(join(dir, name))])));
  }

  constructor(texts: ReadonlyMap<Language, CatalogueText>) {
    if (!texts.has(DEFAULT_LANGUAGE)) throw new Error(`No catalogue for the default language, ${DEFAULT_LANGUAGE}`);
    this.#compiled = new Map([...texts].map(([language, text]) => [language, compile(language, text)]));
    this.languages = [DEFAULT_LANGUAGE, ...[...texts.keys()].filter((language) => language !== DEFAULT_LANGUAGE).sort()];
  }

  translate(language: Language, key: string, values: MessageValues = {}): string {
    // A key one catalogue lacks reads in English, and one no catalogue has reads as itself: the
    // catalogue test keeps both from happening, and a visitor never sees an error for a missing word.
    const message = this.#compiled.get(language)?.get(key) ?? this.#compiled.get(DEFAULT_LANGUAGE)?.get(key);
    return message ? message(values) : key;
  }
}

function readCatalogue(file: string): CatalogueText {
  return JSON.parse(readFileSync(file, 'utf8')) as CatalogueText;
}

function compile(language: Language, text: CatalogueText): Compiled {
  const formats = new MessageFormat<'string'>(language, { returnType: 'string' });
  return new Map(Object.entries(text).map(([key, message]) => {
    try {
      return [key, formats.compile(message)];
    } catch (error) {
      throw new Error(`The ${language} catalogue's message for "${key}" does not compile`, { cause: error });
    }
  }));
}
