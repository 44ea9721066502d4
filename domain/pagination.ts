import { err, ok, ResultAsync, type Result } from 'neverthrow';
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

/** A list read a page at a time: the items from an offset, and how many there are in all. */
export type PagedList<T> = Readonly<{
  fetch: (offset: number, limit: number) => Promise<readonly T[]>;
  count: () => Promise<number>;
}>;

export function offsetOf(request: PageRequest): number {
  return (request.number - 1) * request.size;
}

/** One page of a list without its totals, which would cost a count of the whole list. */
export function pageOf<T>(request: PageRequest, list: PagedList<T>): ResultAsync<Page<T>, PageNotFound> {
  return ResultAsync.fromSafePromise(list.fetch(offsetOf(request), request.size + 1)).andThen((fetched) => pageFrom(request, fetched));
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
 * Fetches one page of a list whose size is known. Page 1 always exists (it may be empty); any page
 * past the last is out of range.
 */
export function countedPage<T>(request: PageRequest, list: PagedList<T>): ResultAsync<CountedPage<T>, PageNotFound> {
  return ResultAsync.fromSafePromise(list.count())
    .andThen((totalItems) => (pageExists(request, totalItems) ? ok(totalItems) : err(pageNotFound())))
    .andThen((totalItems) => ResultAsync.fromSafePromise(list.fetch(offsetOf(request), request.size))
      .andThen((items) => countedPageFrom(request, totalItems, items)));
}

/** Whether a list of `totalItems` has the page asked for: page 1 always, a later one if items reach it. */
export function pageExists(request: PageRequest, totalItems: number): boolean {
  return request.number <= Math.max(Math.ceil(totalItems / request.size), 1);
}

/** The page of a list of `totalItems` whose items, fetched at the page's offset, are `items`. */
export function countedPageFrom<T>(request: PageRequest, totalItems: number, items: readonly T[]): Result<CountedPage<T>, PageNotFound> {
  if (!pageExists(request, totalItems)) return err(pageNotFound());
  const totalPages = Math.ceil(totalItems / request.size);
  return ok({
    items,
    number: request.number,
    hasNewer: request.number > 1,
    hasOlder: request.number < totalPages,
    totalItems,
    totalPages,
  });
}
