import type { SearchQuery, SearchTerm } from '../../../domain/search/search-query.js';
import type { SearchSql } from './mikro-orm-post-search.js';

/**
 * Search in the FTS5 table `posts_search` (https://www.sqlite.org/fts5.html): the table's own name
 * on the left of MATCH, its rank (bm25, lower is better) first.
 */
export const SQLITE_SEARCH: SearchSql = {
  match: fts5Query,
  // One line: the scrubber knows a select by its `from` on the same line, and a driver error quotes it.
  search: [
    'select p.id, p.body, p.created_at, u.id as author_id, u.username, u.email',
    'from posts_search join posts p on p.id = posts_search.rowid join users u on u.id = p.author_id',
    'where posts_search match ? order by posts_search.rank, p.created_at desc, p.id desc limit ? offset ?',
  ].join(' '),
  count: 'select count(*) as count from posts_search where posts_search match ?',
};

/**
 * Every term as an FTS5 string, which FTS5 reads as words and nothing else: a word as `"word"`, a
 * prefix as `"word" *`, a phrase as `"its words"`; terms side by side must all match.
 */
export function fts5Query(query: SearchQuery): string {
  return query.terms.map(fts5Term).join(' ');
}

function fts5Term(term: SearchTerm): string {
  if (term.kind === 'phrase') return fts5String(term.words.join(' '));
  return term.prefix ? `${fts5String(term.word)} *` : fts5String(term.word);
}

// Inside an FTS5 string a double quote is written twice (https://www.sqlite.org/fts5.html#fts5_strings).
function fts5String(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}
