import { err, errAsync, ok, okAsync, ResultAsync, type Result } from 'neverthrow';
import { pageNotFound, type PageNotFound } from './errors.js';

/** Which page of a list to show: numbered from 1, newest first. */
export type PageRequest = Readonly<{ number: number; size: number }>;

export type Page<T> = Readonly<{
  items: readonly T[];
  number: number;
  /** A page before this one exists (newer items). */
  hasNewer: boolean;
  /** A page after this one exists (older items). */
  hasOlder: boolean;
}>;

/**
 * A list read a page at a time: the items from an offset, and how many there are in all. `E` is
 * what a read of the list may fail with; the repositories' lists cannot fail (see `listOf`).
 */
export type PagedList<T, E = never> = Readonly<{
  fetch: (offset: number, limit: number) => ResultAsync<readonly T[], E>;
  count: () => ResultAsync<number, E>;
}>;

/** A list of the repositories', whose reads cannot fail: a database that fails them is a crash, not an answer. */
export function listOf<T>(fetch: (offset: number, limit: number) => Promise<readonly T[]>, count: () => Promise<number>): PagedList<T> {
  return {
    fetch: (offset, limit) => ResultAsync.fromSafePromise(fetch(offset, limit)),
    count: () => ResultAsync.fromSafePromise(count()),
  };
}

export function offsetOf(request: PageRequest): number {
  return (request.number - 1) * request.size;
}

/** One page of a list without its totals, which would cost a count of the whole list. */
export function pageOf<T, E>(request: PageRequest, list: PagedList<T, E>): ResultAsync<Page<T>, PageNotFound | E> {
  return list.fetch(offsetOf(request), request.size + 1).andThen((fetched) => pageFrom(request, fetched));
}

/**
 * Turns a fetch of `size + 1` items (one more than the page holds, to learn whether an older page
 * exists) at the page's offset into the page. Page 1 always exists (it
 * may be empty); any later page without items is out of range.
 */
export function pageFrom<T>(request: PageRequest, fetched: readonly T[]): Result<Page<T>, PageNotFound> {
  if (request.number > 1 && fetched.length === 0) return err(pageNotFound());
  return ok({
    items: fetched.slice(0, request.size),
    number: request.number,
    hasNewer: request.number > 1,
    hasOlder: fetched.length > request.size,
  });
}

/** A page that also tells how many items and pages there are in all, for clients that show it. */
export type CountedPage<T> = Page<T> & Readonly<{ totalItems: number; totalPages: number }>;

/**
 * Fetches one page of a list whose size is known. Page 1 always exists (it may be empty, and an
 * empty list is not read for it); any page past the last is out of range, and not read either.
 */
export function countedPage<T, E>(request: PageRequest, list: PagedList<T, E>): ResultAsync<CountedPage<T>, PageNotFound | E> {
  return list.count().andThen((totalItems) => {
    if (!pageExists(request, totalItems)) return errAsync(pageNotFound());
    const items = totalItems === 0 ? okAsync([]) : list.fetch(offsetOf(request), request.size);
    return items.map((found) => countedPageFrom(request, totalItems, found));
  });
}

/** Whether a list of `totalItems` has the page asked for: page 1 always, a later one if items reach it. */
function pageExists(request: PageRequest, totalItems: number): boolean {
  return request.number <= Math.max(Math.ceil(totalItems / request.size), 1);
}

/** The page, known to exist, of a list of `totalItems` whose items, fetched at the page's offset, are `items`. */
function countedPageFrom<T>(request: PageRequest, totalItems: number, items: readonly T[]): CountedPage<T> {
  const totalPages = Math.ceil(totalItems / request.size);
  return {
    items,
    number: request.number,
    hasNewer: request.number > 1,
    hasOlder: request.number < totalPages,
    totalItems,
    totalPages,
  };
}
