import type { Result } from 'neverthrow';
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
 * page and the API answer it alike and the administrators hear of it like any other failure.
 */
export function unlessSearchUnavailable<T, E extends Readonly<{ type: string }>>(result: Result<T, E | SearchUnavailable>): Result<T, Exclude<E, SearchUnavailable>> {
  if (result.isErr() && isUnavailable(result.error)) throw new SearchUnavailableError(result.error.cause);
  return result as Result<T, Exclude<E, SearchUnavailable>>;
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
