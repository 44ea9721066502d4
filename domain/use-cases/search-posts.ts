import { okAsync, type ResultAsync } from 'neverthrow';
import type { PageNotFound, SearchQueryTooLong } from '../errors.js';
import { countedPage, pageOf, type CountedPage, type Page, type PagedList, type PageRequest } from '../pagination.js';
import type { PostSearch, SearchUnavailable } from '../ports/post-search.js';
import type { TimelinePost } from '../posts/post.js';
import { isEmptySearch, parseSearchQuery, type SearchQuery } from '../search/search-query.js';

export type SearchPostsError = SearchQueryTooLong | PageNotFound | SearchUnavailable;

// What a text with no words to look for finds, without asking the store.
const NO_MATCHES: PagedList<TimelinePost> = { fetch: () => okAsync([]), count: () => okAsync(0) };

/**
 * The posts a search box's text finds, best match first, paged like every list. A text with no
 * words to look for (only quotes, stars or emoji) finds nothing.
 */
export class SearchPosts {
  constructor(private readonly search: PostSearch) {}

  execute(text: string, page: PageRequest): ResultAsync<Page<TimelinePost>, SearchPostsError> {
    return parseSearchQuery(text).asyncAndThen((query) => pageOf(page, this.matchesOf(query)));
  }

  /** The same page with the totals, which cost a count of the matches. */
  executeCounted(text: string, page: PageRequest): ResultAsync<CountedPage<TimelinePost>, SearchPostsError> {
    return parseSearchQuery(text).asyncAndThen((query) => countedPage(page, this.matchesOf(query)));
  }

  private matchesOf(query: SearchQuery): PagedList<TimelinePost, SearchUnavailable> {
    if (isEmptySearch(query)) return NO_MATCHES;
    return { fetch: (offset, limit) => this.search.search(query, offset, limit), count: () => this.search.count(query) };
  }
}
