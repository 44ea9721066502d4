import { STATUS_CODES } from 'node:http';
import type { AppKoaContext, AppRouter } from '../context.js';
import { PROBLEM_JSON, problemDetails } from '../errors/problem-details.js';
import { flash } from '../flash.js';
import type { FieldErrors } from '../forms/fields.js';
import { CANNOT_MESSAGE_YOURSELF } from '../forms/messages.js';
import { readMessageForm, MESSAGE_FIELDS, type MessageField } from '../forms/message-form.js';
import { fieldMessages, submitForm } from '../forms/submit-form.js';
import { answerPage } from '../page-answer.js';
import { pageRequest } from '../page-number.js';
import { asPosts, presentNotification, sinceOf } from '../presenters/message-presenter.js';
import { presentPosts, profileUrl, type PostListing } from '../presenters/post-presenter.js';
import { renderPage } from '../render.js';
import { routeNames } from '../route-table.js';
import type { UseCases } from '../use-cases.js';
import { currentUser, loginRequired } from './login-required.js';

const drives = routeNames(import.meta.url);

export const MESSAGE_SENT_MESSAGE = 'Your message has been sent.';

export function messageRoutes(router: AppRouter, useCases: UseCases, { postsPerPage, clock }: PostListing): void {
  const { sendMessage, listMessages, getProfile, listNotifications } = useCases;

  router.get(drives('getProfile'), '/send_message/:recipient', loginRequired, async (ctx) => {
    const found = getProfile.execute({ user: { username: ctx.params.recipient ?? '' }, viewerId: currentUser(ctx).id });
    await answerPage(ctx, found, ({ user }) => renderSendMessage(ctx, user.username, '', {}, 200));
  });

  router.post(drives('sendMessage'), '/send_message/:recipient', loginRequired, async (ctx) => {
    const recipient = ctx.params.recipient ?? '';
    const form = readMessageForm(ctx.request.body);
    const sent = submitForm(form, MESSAGE_FIELDS, {
      act: (body) => sendMessage.execute({ senderId: currentUser(ctx).id, recipient: { username: recipient }, body }),
    });
    // An unknown recipient is the 404 page and the throttle the 429 page, as anywhere else.
    await answerPage(ctx, sent, ({ recipient: to }) => {
      flash(ctx, MESSAGE_SENT_MESSAGE, 'success');
      ctx.redirect(profileUrl(to.username));
    }, {
      FormRejected: (rejected) => renderSendMessage(ctx, recipient, form.text.message, fieldMessages(rejected.problems, ctx.state.t), 422),
      CannotMessageYourself: () => renderSendMessage(ctx, recipient, form.text.message, { message: CANNOT_MESSAGE_YOURSELF }, 422),
    });
  });

  router.get(drives('listMessages'), '/messages', loginRequired, async (ctx) => {
    const listed = pageRequest(ctx.query.page, postsPerPage).asyncAndThen((page) => listMessages.execute(currentUser(ctx).id, page));
    await answerPage(ctx, listed, (page) => {
      // Read just now: the nav, loaded before, must not go on counting them.
      ctx.state.unreadMessages = 0;
      return renderPage(ctx, 'messages', { title: 'Messages', ...presentPosts(asPosts(page), '/messages', clock.now(), ctx.state) });
    });
  });

  // The tutorial's polling endpoint: JSON for a script, so a visitor is a 401, never a redirect to a login page.
  router.get(drives('listNotifications'), '/notifications', async (ctx) => {
    const user = ctx.state.user;
    if (!user) return answerProblem(ctx, 401, 'Log in to read your notifications.');
    await sinceOf(ctx.query.since).asyncMap((since) => listNotifications.execute(user.id, since)).match((notifications) => {
      ctx.body = notifications.map(presentNotification);
    }, () => answerProblem(ctx, 400, '`since` must be a number of seconds since the epoch.'));
  });
}

function renderSendMessage(ctx: AppKoaContext, recipient: string, message: string, errors: FieldErrors<MessageField>, status: number) {
  return renderPage(ctx, 'send_message', { title: 'Send Message to {recipient}', titleValues: { recipient }, recipient, values: { message }, errors }, status);
}

function answerProblem(ctx: AppKoaContext, status: number, detail: string): void {
  ctx.status = status;
  ctx.type = PROBLEM_JSON;
  ctx.body = problemDetails({ status, title: STATUS_CODES[status] ?? '', detail }, null, ctx.path, ctx.state.t);
}
