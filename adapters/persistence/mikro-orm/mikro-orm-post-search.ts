import { ResultAsync } from 'neverthrow';
import { searchUnavailable, type PostSearch, type SearchUnavailable } from '../../../domain/ports/post-search.js';
import type { TimelinePost } from '../../../domain/posts/post.js';
import type { SearchQuery } from '../../../domain/search/search-query.js';
import { preparedCount, type PreparedReads, type ReadStatement } from './prepared-reads.js';
import { timelinePostOf, type TimelineRow } from './sql-values.js';

/**
 * How one dialect searches: `match` is the engine's query text for a parsed query (every term
 * written as a quoted string of the engine, never the user's own syntax), bound as the `?` of
 * `search` (before its limit and offset) and of `count`.
 */
export type SearchSql = Readonly<{
  match: (query: SearchQuery) => string;
  /** The matches with their authors, as timeline rows, best first, equal ranks newest first. */
  search: ReadStatement;
  /** `select count(*) as count` of the matches. */
  count: ReadStatement;
}>;

/**
 * Search in the posts' own database, in the dialect's full-text index, ranked anew for every count
 * and page: for a ranking that weighs each post by its own words only (PostgreSQL's ts_rank_cd),
 * with no count over the whole index. Its two statements are prepared like the other hot reads,
 * where MikroORM would write the values into the text for the database to parse and plan anew.
 * Any failure of the index (missing, corrupt, being rebuilt) is the store being unavailable: the
 * caller says so, and the cause is kept for the log.
 */
export class MikroOrmPostSearch implements PostSearch {
  constructor(
    private readonly reads: PreparedReads,
    private readonly sql: SearchSql,
  ) {}

  search(query: SearchQuery, offset: number, limit: number): ResultAsync<TimelinePost[], SearchUnavailable> {
    return unavailableOnFailure(this.reads.all<TimelineRow>(this.sql.search, [this.sql.match(query), limit, offset])).map((rows) => rows.map(timelinePostOf));
  }

  count(query: SearchQuery): ResultAsync<number, SearchUnavailable> {
    return unavailableOnFailure(preparedCount(this.reads, this.sql.count, [this.sql.match(query)]));
  }
}

/** Any failure of the index (missing, corrupt, being rebuilt) is the store being unavailable, its cause kept for the log. */
export function unavailableOnFailure<T>(answer: Promise<T>): ResultAsync<T, SearchUnavailable> {
  return ResultAsync.fromPromise(answer, searchUnavailable);
}
