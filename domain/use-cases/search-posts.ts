import { okAsync, type ResultAsync } from 'neverthrow';
import type { PageNotFound, SearchQueryTooLong } from '../errors.js';
import { countedPageFrom, offsetOf, pageExists, pageFrom, type CountedPage, type Page, type PageRequest } from '../pagination.js';
import type { PostSearch, SearchUnavailable } from '../ports/post-search.js';
import type { TimelinePost } from '../posts/post.js';
import { isEmptySearch, parseSearchQuery } from '../search/search-query.js';

export type SearchPostsError = SearchQueryTooLong | PageNotFound | SearchUnavailable;

/**
 * The posts a search box's text finds, best match first. A text with no words to look for (only
 * quotes, stars or emoji) finds nothing, without asking the store.
 */
export class SearchPosts {
  constructor(private readonly search: PostSearch) {}

  execute(text: string, page: PageRequest): ResultAsync<Page<TimelinePost>, SearchPostsError> {
    return parseSearchQuery(text)
      .asyncAndThen((query) => (isEmptySearch(query) ? okAsync([]) : this.search.search(query, offsetOf(page), page.size + 1)))
      .andThen((fetched) => pageFrom(page, fetched));
  }

  /** The same page with the totals, which cost a count of every match. */
  executeCounted(text: string, page: PageRequest): ResultAsync<CountedPage<TimelinePost>, SearchPostsError> {
    return parseSearchQuery(text).asyncAndThen((query) => (isEmptySearch(query) ? okAsync(0) : this.search.count(query))
      .andThen((total) => (total === 0 || !pageExists(page, total)
        ? countedPageFrom<TimelinePost>(page, total, [])
        : this.search.search(query, offsetOf(page), page.size).andThen((items) => countedPageFrom(page, total, items)))));
  }
}
