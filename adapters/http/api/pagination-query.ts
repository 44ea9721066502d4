import type { CountedPage, PageRequest } from '../../../domain/pagination.js';
import type { AppKoaContext } from '../context.js';
import { ApiProblem, type FieldError } from './api-problem.js';

export const DEFAULT_PER_PAGE = 10;
/** Asking for more per page is not refused: the page is cut to this many, as the links then say. */
export const MAX_PER_PAGE = 100;

const WHOLE_NUMBER = /^[1-9]\d{0,5}$/;

/** `?page=&per_page=` as a page request; anything but whole numbers from 1 is a 400 naming the parameter. */
export function pageRequestOf(ctx: AppKoaContext): PageRequest {
  const errors: FieldError[] = [];
  const read = (name: string, fallback: number): number => {
    const raw = ctx.query[name];
    if (raw === undefined) return fallback;
    if (typeof raw === 'string' && WHOLE_NUMBER.test(raw)) return Number(raw);
    errors.push({ field: name, code: 'invalid', message: 'Must be a whole number from 1 to 999999.' });
    return fallback;
  };
  const number = read('page', 1);
  const size = Math.min(read('per_page', DEFAULT_PER_PAGE), MAX_PER_PAGE);
  if (errors.length > 0) throw ApiProblem.of('invalid-query-parameter', `Invalid query parameters: ${errors.map((e) => e.field).join(', ')}.`, { errors });
  return { number, size };
}

/** A page of a list in the API's shape: its items, where it stands, and links to its neighbours. */
export function presentPage<T, Shown>(page: CountedPage<T>, size: number, path: string, show: (item: T) => Shown) {
  const url = (number: number) => `${path}?page=${number}&per_page=${size}`;
  return {
    items: page.items.map(show),
    _meta: { page: page.number, per_page: size, total_pages: page.totalPages, total_items: page.totalItems },
    _links: { self: url(page.number), next: page.hasOlder ? url(page.number + 1) : null, prev: page.hasNewer ? url(page.number - 1) : null },
  };
}
