import type { ResultAsync } from 'neverthrow';
import type { TimelinePost } from '../posts/post.js';
import type { SearchQuery } from '../search/search-query.js';

/**
 * The search store could not answer (its index is missing, corrupt or being rebuilt). It is no
 * verdict on the request: the driving adapters answer it as an outage, logged and alerted, while
 * every other page, which never asks this store, goes on working.
 */
export type SearchUnavailable = Readonly<{ type: 'SearchUnavailable'; cause: unknown }>;

export const searchUnavailable = (cause: unknown): SearchUnavailable => ({ type: 'SearchUnavailable', cause });

/**
 * How many matches a search ranks and lists at most: the most recently written ones. Ranking every
 * post that holds a common word costs in proportion to all of them (135 ms for 100 000 on SQLite);
 * ranking the newest thousand keeps any search's page to milliseconds, and forty pages of results
 * is more than anyone reads.
 */
export const SEARCH_MATCH_LIMIT = 1_000;

/**
 * Finds posts by their words: every term of the query must be in a post, case and diacritics aside
 * (`nandu` finds `ñandú`). Of the `SEARCH_MATCH_LIMIT` most recently written matches, best match
 * first, as the engine ranks them, equal ranks newest first; `count` counts as far as that limit.
 * A post is findable as soon as the call that published it returned. Lists take an offset and a
 * limit like the post repository's, so the use case pages them by the same rules as every list.
 */
export interface PostSearch {
  search(query: SearchQuery, offset: number, limit: number): ResultAsync<TimelinePost[], SearchUnavailable>;
  count(query: SearchQuery): ResultAsync<number, SearchUnavailable>;
}
