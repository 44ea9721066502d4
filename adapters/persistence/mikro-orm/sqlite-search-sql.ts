import { SEARCH_MATCH_LIMIT } from '../../../domain/ports/post-search.js';
import type { SearchQuery, SearchTerm } from '../../../domain/search/search-query.js';
import type { PostIndexStatement } from './mikro-orm-post-repository.js';
import type { RankedSearchSql } from './remembered-ranking-search.js';

const NEWEST_POST = 'select max(id) as newest_post from posts';

/**
 * Search in the FTS5 table `posts_search` (https://www.sqlite.org/fts5.html): the newest matches
 * are read by rowid, which FTS5 walks backwards and stops, with their rank (bm25, lower is better),
 * which it then computes for those rows only; they are joined to their posts (CROSS JOIN keeps FTS5
 * the outer loop) for the time that orders equal ranks. A page's posts and authors are then read by
 * primary key.
 */
export const SQLITE_SEARCH: RankedSearchSql = {
  match: fts5Query,
  newestPost: { name: 'newest_post', sql: NEWEST_POST },
  rankedIds: { name: 'search_ranked_ids', sql: [
    `select newest.id from (select rowid as id, rank from posts_search where posts_search match ? order by rowid desc limit ${SEARCH_MATCH_LIMIT}) newest`,
    'cross join posts p on p.id = newest.id',
    'order by newest.rank, p.created_at desc, p.id desc',
  ].join(' ') },
  postsByIds: { name: 'posts_by_ids', sql: [
    `select p.id, p.body, p.created_at, u.id as author_id, u.username, u.email, (${NEWEST_POST}) as newest_post`,
    'from posts p cross join users u on u.id = p.author_id where p.id in (select value from json_each(?))',
  ].join(' ') },
};

/**
 * Indexes a new post. FTS5 keeps a transaction's new rows in memory and writes them into the index
 * when the transaction commits, so an index whose structure is corrupt accepts the row and fails the
 * commit (SQLITE_CORRUPT), where a missing table fails the statement itself.
 */
export const SQLITE_INDEX_POST: PostIndexStatement = {
  sql: 'insert into posts_search (rowid, body) values (?, ?)',
  mayFailCommit: (error) => (error as { code?: unknown } | null)?.code === 'SQLITE_CORRUPT',
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
