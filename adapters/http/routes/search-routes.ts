import type { AppRouter } from '../context.js';
import { unlessSearchUnavailable } from '../errors/search-unavailable.js';
import { searchTooLongMessage } from '../forms/messages.js';
import { answerPage } from '../page-answer.js';
import { pageRequest } from '../page-number.js';
import { presentPosts, type PostListing } from '../presenters/post-presenter.js';
import { renderPage, sayWords } from '../render.js';
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
    const found = pageRequest(ctx.query.page, postsPerPage).asyncAndThen((page) => unlessSearchUnavailable(searchPosts.execute(text, page)));
    await answerPage(ctx, found, (page) => renderPage(ctx, 'search', { title: 'Search', searchQuery: text, ...presentPosts(page, searchUrl(text), clock.now(), ctx.state) }), {
      SearchQueryTooLong: (tooLong) => renderPage(ctx, 'search', { title: 'Search', searchQuery: text, tooLong: sayWords(ctx, searchTooLongMessage(tooLong)) }, 400),
    });
  });
}
