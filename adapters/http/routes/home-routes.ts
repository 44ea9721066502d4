import type { AppKoaContext, AppRoute, AppRouter } from '../context.js';
import { flash } from '../flash.js';
import type { FieldErrors } from '../forms/fields.js';
import { POST_FIELDS, readPostForm, type PostField } from '../forms/post-form.js';
import { fieldMessages, submitForm } from '../forms/submit-form.js';
import { answerPage } from '../page-answer.js';
import { pageRequest } from '../page-number.js';
import { presentPosts, type PostListing } from '../presenters/post-presenter.js';
import { renderPage } from '../render.js';
import { routeNames } from '../route-table.js';
import type { UseCases } from '../use-cases.js';
import { currentUser, loginRequired } from './login-required.js';

const drives = routeNames(import.meta.url);

export const POST_PUBLISHED_MESSAGE = 'Your post is now live!';

export function homeRoutes(router: AppRouter, useCases: UseCases, { postsPerPage, clock }: PostListing): void {
  const { homeTimeline, explorePosts, publishPost } = useCases;

  const renderIndex = async (ctx: AppKoaContext, post: string, errors: FieldErrors<PostField>, status: number) => {
    const timeline = pageRequest(ctx.query.page, postsPerPage).asyncAndThen((page) => homeTimeline.execute(currentUser(ctx).id, page));
    await answerPage(ctx, timeline, (page) => renderPage(ctx, 'index', {
      title: 'Home', greetingName: currentUser(ctx).username, values: { post }, errors, ...presentPosts(page, ctx.path, clock.now(), ctx.state),
    }, status));
  };

  const index: AppRoute = (ctx) => renderIndex(ctx, '', {}, 200);

  // Post/redirect/get: a published post sends the browser back to the timeline with a GET.
  const publish: AppRoute = async (ctx) => {
    const form = readPostForm(ctx.request.body);
    const result = await submitForm(form, POST_FIELDS, { act: (body) => publishPost.execute({ authorId: currentUser(ctx).id, body }) });
    await answerPage(ctx, result, () => {
      flash(ctx, POST_PUBLISHED_MESSAGE, 'success');
      ctx.redirect('/index');
    }, {
      FormRejected: (rejected) => renderIndex(ctx, form.text.post, fieldMessages(rejected.problems, ctx.state.t), 422),
    });
  };

  router.get(drives('homeTimeline'), '/', loginRequired, index);
  router.get(drives('homeTimeline'), '/index', loginRequired, index);
  router.post(drives('publishPost'), '/', loginRequired, publish);
  router.post(drives('publishPost'), '/index', loginRequired, publish);

  router.get(drives('explorePosts'), '/explore', loginRequired, async (ctx) => {
    const posts = pageRequest(ctx.query.page, postsPerPage).asyncAndThen((page) => explorePosts.execute(page));
    await answerPage(ctx, posts, (page) => renderPage(ctx, 'explore', { title: 'Explore', ...presentPosts(page, '/explore', clock.now(), ctx.state) }));
  });
}
