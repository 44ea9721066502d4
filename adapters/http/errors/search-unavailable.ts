import type { ResultAsync } from 'neverthrow';
import type { SearchUnavailable } from '../../../domain/ports/post-search.js';
import type { ErrorResponse } from './error-handlers.js';

/** How long a client should wait before searching again while the search index does not answer. */
export const SEARCH_RETRY_AFTER_SECONDS = 60;

/** The search store failed: an outage of ours, thrown to the boundary to be logged and alerted. */
export class SearchUnavailableError extends Error {
  override readonly name = 'SearchUnavailable';
  constructor(cause: unknown) {
    super('The search index did not answer', { cause });
  }
}

/**
 * A search's outcome with an unavailable store taken out of it, thrown as the outage it is, so the
 * page and the API answer it alike and the administrators hear of it like any other failure: it is
 * no outcome a route answers, however expected the other refusals are.
 */
export function unlessSearchUnavailable<T, E extends Readonly<{ type: string }>>(
  result: ResultAsync<T, E | SearchUnavailable>,
): ResultAsync<T, Exclude<E, SearchUnavailable>> {
  return result.mapErr((error) => {
    if (isUnavailable(error)) throw new SearchUnavailableError(error.cause);
    return error as Exclude<E, SearchUnavailable>;
  });
}

function isUnavailable(error: Readonly<{ type: string }>): error is SearchUnavailable {
  return error.type === 'SearchUnavailable';
}

/** A 503 that says only search is down, with Retry-After; logged with a reference and alerted like a 500. */
export function searchUnavailableResponse(detail: string): ErrorResponse {
  return {
    status: 503,
    title: 'Search Unavailable',
    detail,
    headers: { 'Retry-After': String(SEARCH_RETRY_AFTER_SECONDS) },
    unexpected: true,
  };
}
