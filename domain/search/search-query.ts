import { err, ok, type Result } from 'neverthrow';
import { searchQueryTooLong, type SearchQueryTooLong } from '../errors.js';

/** The longest search read, in characters as people count them: room for any sentence someone would type. */
export const SEARCH_QUERY_MAX_LENGTH = 2_000;

/** A word to find; with `prefix`, any word that begins with it. */
export type SearchWord = Readonly<{ kind: 'word'; word: string; prefix: boolean }>;
/** Words to find next to each other, in this order. */
export type SearchPhrase = Readonly<{ kind: 'phrase'; words: readonly string[] }>;
export type SearchTerm = SearchWord | SearchPhrase;

/**
 * What a person searches for, as our own grammar reads it: every term must be found in a post. It
 * holds only words made of letters and digits, so no engine's query syntax (operators, columns,
 * quotes, parentheses) can reach an engine through it; an adapter writes each term in its engine's
 * quoted form. No terms at all is a valid query that matches nothing.
 */
export type SearchQuery = Readonly<{ terms: readonly SearchTerm[] }>;

// Letters and digits, with the combining marks that belong to them (a decomposed `ú`); everything
// else separates words, as the engines' tokenizers do (FTS5's unicode61, PostgreSQL's parser).
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
// A quoted part, or a word with its trailing star; an unmatched quote is left to be read as text.
const TERM = /"([^"]*)"|([\p{L}\p{N}][\p{L}\p{N}\p{M}]*)(\*)?/gu;

/** The words of a text, in order, as the grammar splits them. */
export function wordsOf(text: string): string[] {
  return text.normalize('NFC').match(WORD) ?? [];
}

/**
 * Reads a search box's text: `"quoted phrases"`, words, and a word ending in `*` as a prefix.
 * Anything else is text between words: a lone quote, `*`, `-`, `^`, `col:x`, parentheses and
 * emoji separate words and mean nothing more; `AND`, `OR`, `NOT` and `NEAR` are words like any other.
 */
export function parseSearchQuery(text: string): Result<SearchQuery, SearchQueryTooLong> {
  if ([...text].length > SEARCH_QUERY_MAX_LENGTH) return err(searchQueryTooLong(SEARCH_QUERY_MAX_LENGTH));
  const terms: SearchTerm[] = [];
  for (const [, quoted, word, star] of text.normalize('NFC').matchAll(TERM)) {
    if (word !== undefined) terms.push({ kind: 'word', word, prefix: star !== undefined });
    else terms.push(...phraseOf(wordsOf(quoted ?? '')));
  }
  return ok({ terms });
}

/** A phrase of one word is that word; one of none is nothing. */
function phraseOf(words: readonly string[]): SearchTerm[] {
  if (words.length === 0) return [];
  const [only] = words;
  if (words.length === 1 && only !== undefined) return [{ kind: 'word', word: only, prefix: false }];
  return [{ kind: 'phrase', words }];
}

export function isEmptySearch(query: SearchQuery): boolean {
  return query.terms.length === 0;
}
