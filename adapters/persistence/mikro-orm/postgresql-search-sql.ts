import { SEARCH_MATCH_LIMIT } from '../../../domain/ports/post-search.js';
import type { SearchQuery, SearchTerm } from '../../../domain/search/search-query.js';
import type { SearchSql } from './mikro-orm-post-search.js';

/**
 * Search in the posts' generated `search_vector` column and its GIN index, the query read with the
 * configuration the vectors were made with, so its words are folded as the posts' were: the newest
 * matches, then ranked with `ts_rank_cd`.
 */
export const POSTGRESQL_SEARCH: SearchSql = {
  match: tsQuery,
  search: { name: 'search_posts', sql: [
    'select p.id, p.body, p.created_at, u.id as author_id, u.username, u.email',
    'from (select posts.id, search_vector, query from posts, to_tsquery(\'posts_search\', ?) query',
    `where search_vector @@ query order by posts.id desc limit ${SEARCH_MATCH_LIMIT}) newest`,
    'join posts p on p.id = newest.id join users u on u.id = p.author_id',
    'order by ts_rank_cd(newest.search_vector, newest.query) desc, p.created_at desc, p.id desc limit ? offset ?',
  ].join(' ') },
  count: { name: 'count_search_matches', sql: `select count(*) as count from (select 1 from posts where search_vector @@ to_tsquery('posts_search', ?) limit ${SEARCH_MATCH_LIMIT}) matches` },
};

/**
 * The query as `to_tsquery` text in which every word is a quoted lexeme, so nothing of it is read
 * as an operator (https://www.postgresql.org/docs/15/datatype-textsearch.html#DATATYPE-TSQUERY):
 * `'word'`, a prefix `'word':*`, a phrase its words joined by `<->`; all terms joined by `&`.
 */
export function tsQuery(query: SearchQuery): string {
  return query.terms.map(tsTerm).join(' & ');
}

function tsTerm(term: SearchTerm): string {
  if (term.kind === 'phrase') return `(${term.words.map(lexeme).join(' <-> ')})`;
  return term.prefix ? `${lexeme(term.word)}:*` : lexeme(term.word);
}

// A quote inside a quoted lexeme is written twice, and a backslash escapes.
function lexeme(word: string): string {
  return `'${word.replaceAll('\\', '\\\\').replaceAll('\'', '\'\'')}'`;
}
