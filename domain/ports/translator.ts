/** A language the site speaks, as a BCP 47 tag (`en`, `es`); the words themselves live in the adapters. */
export type Language = string;

/** The values a message names, such as `{count}`. */
export type MessageValues = Readonly<Record<string, string | number>>;

/**
 * Turns a message's key (its English text, as gettext keys its catalogues) into words in a
 * language. The domain only carries which language someone reads; an adapter owns every word.
 */
export interface Translator {
  /** Every language there is a catalogue for, the default first. */
  readonly languages: readonly Language[];
  translate(language: Language, key: string, values?: MessageValues): string;
}
