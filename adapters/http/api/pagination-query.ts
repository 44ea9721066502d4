import { err, ok, type Result, type ResultAsync } from 'neverthrow';
import type { CountedPage, PageRequest } from '../../../domain/pagination.js';
import type { AppKoaContext } from '../context.js';
import type { ApiContext } from './api-operation.js';
import { answerApi, type ApiRefusal } from './api-answer.js';
import { ApiProblem, type FieldError } from './api-problem.js';

export const DEFAULT_PER_PAGE = 10;
/** Asking for more per page is not refused: the page is cut to this many, as the links then say. */
export const MAX_PER_PAGE = 100;

/** The largest `page` or `per_page` read; beyond it a number is no page anyone has. */
export const MAX_PAGE_PARAMETER = 999_999;

const WHOLE_NUMBER = /^[1-9]\d*$/;

/** `?page=&per_page=` as a page request; anything but whole numbers from 1 is a 400 naming the parameter. */
export function pageRequestOf(ctx: AppKoaContext): Result<PageRequest, ApiProblem> {
  const errors: FieldError[] = [];
  const read = (name: string, fallback: number): number => {
    const raw = ctx.query[name];
    if (raw === undefined) return fallback;
    if (typeof raw === 'string' && WHOLE_NUMBER.test(raw) && Number(raw) <= MAX_PAGE_PARAMETER) return Number(raw);
    errors.push({ field: name, code: 'invalid', message: 'Must be a whole number from 1 to {max}.', values: { max: MAX_PAGE_PARAMETER } });
    return fallback;
  };
  const number = read('page', 1);
  const size = Math.min(read('per_page', DEFAULT_PER_PAGE), MAX_PER_PAGE);
  if (errors.length > 0) return err(ApiProblem.of('invalid-query-parameter', 'Invalid query parameters: {names}.', { errors, detailValues: { names: errors.map((e) => e.field).join(', ') } }));
  return ok({ number, size });
}

/**
 * A page of a list in the API's shape: its items, where it stands, and links to its neighbours,
 * which keep the request's other query parameters (a search's `q`).
 */
export function presentPage<T, Shown>(page: CountedPage<T>, size: number, path: string, query: URLSearchParams, show: (item: T) => Shown) {
  const kept = [...query].filter(([name]) => name !== 'page' && name !== 'per_page');
  const url = (number: number) => `${path}?${new URLSearchParams([...kept, ['page', String(number)], ['per_page', String(size)]]).toString()}`;
  return {
    items: page.items.map(show),
    _meta: { page: page.number, per_page: size, total_pages: page.totalPages, total_items: page.totalItems },
    _links: { self: url(page.number), next: page.hasOlder ? url(page.number + 1) : null, prev: page.hasNewer ? url(page.number - 1) : null },
  };
}

/**
 * The handler of a list endpoint: reads which page is asked for, lists it, and answers with it in
 * the API's shape; a page past the end or a user who does not exist is the domain's problem.
 */
export function pagedList<T>(
  list: (ctx: ApiContext, page: PageRequest) => ResultAsync<CountedPage<T>, ApiRefusal>,
  show: (item: T, ctx: ApiContext) => unknown,
): (ctx: ApiContext) => Promise<void> {
  return (ctx) => answerApi(ctx, pageRequestOf(ctx), async (page) => {
    await answerApi(ctx, await list(ctx, page), (listed) => {
      ctx.body = presentPage(listed, page.size, ctx.path, new URLSearchParams(ctx.querystring), (item) => show(item, ctx));
    });
  });
}
