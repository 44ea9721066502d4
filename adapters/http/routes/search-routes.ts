import { assertNever } from '../../../domain/assert-never.js';
import type { AppRouter } from '../context.js';
import { unlessSearchUnavailable } from '../errors/search-unavailable.js';
import { searchTooLongMessage } from '../forms/messages.js';
import { pageNumber } from '../page-number.js';
import { presentPosts, type PostListing } from '../presenters/post-presenter.js';
import { renderPage } from '../render.js';
import { routeNames } from '../route-table.js';
import type { UseCases } from '../use-cases.js';
import { loginRequired } from './login-required.js';

const drives = routeNames(import.meta.url);

export function searchUrl(text: string): string {
  return `/search?q=${encodeURIComponent(text)}`;
}

export function searchRoutes(router: AppRouter, { searchPosts }: UseCases, { postsPerPage, clock }: PostListing): void {
  // The nav's search box: a GET form, so results can be bookmarked and paged like any list.
  router.get(drives('searchPosts'), '/search', loginRequired, async (ctx) => {
    const text = typeof ctx.query.q === 'string' ? ctx.query.q : '';
    // Nothing typed is no search, as in the tutorial: back to everyone's posts.
    if (text.trim() === '') return ctx.redirect('/explore');
    const number = pageNumber(ctx.query.page);
    if (number === null) return ctx.throw(404);
    const found = unlessSearchUnavailable(await searchPosts.execute(text, { number, size: postsPerPage }));
    if (found.isErr()) {
      switch (found.error.type) {
        case 'SearchQueryTooLong': return renderPage(ctx, 'search', { title: 'Search', searchQuery: text, tooLong: searchTooLongMessage(found.error) }, 400);
        case 'PageNotFound': return ctx.throw(404);
        default: return assertNever(found.error);
      }
    }
    await renderPage(ctx, 'search', { title: 'Search', searchQuery: text, ...presentPosts(found.value, searchUrl(text), clock.now()) });
  });
}
