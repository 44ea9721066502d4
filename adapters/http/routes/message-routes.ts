import { STATUS_CODES } from 'node:http';
import { assertNever } from '../../../domain/assert-never.js';
import type { AppKoaContext, AppRouter } from '../context.js';
import { retryAfter } from '../errors/retry-after.js';
import { PROBLEM_JSON, problemDetails } from '../errors/problem-details.js';
import { flash } from '../flash.js';
import type { FieldErrors } from '../forms/fields.js';
import { CANNOT_MESSAGE_YOURSELF } from '../forms/messages.js';
import { readMessageForm, MESSAGE_FIELDS, type MessageField } from '../forms/message-form.js';
import { fieldMessages, submitForm } from '../forms/submit-form.js';
import { pageNumber } from '../page-number.js';
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
    const found = await getProfile.execute({ user: { username: ctx.params.recipient ?? '' }, viewerId: currentUser(ctx).id });
    if (found.isErr()) {
      switch (found.error.type) {
        case 'UserNotFound': return ctx.throw(404);
        default: return assertNever(found.error.type);
      }
    }
    await renderSendMessage(ctx, found.value.user.username, '', {}, 200);
  });

  router.post(drives('sendMessage'), '/send_message/:recipient', loginRequired, async (ctx) => {
    const recipient = ctx.params.recipient ?? '';
    const form = readMessageForm(ctx.request.body);
    const sent = await submitForm(form, MESSAGE_FIELDS, {
      act: (body) => sendMessage.execute({ senderId: currentUser(ctx).id, recipient: { username: recipient }, body }),
    });
    if (sent.isErr()) {
      switch (sent.error.type) {
        case 'FormRejected': return renderSendMessage(ctx, recipient, form.text.message, fieldMessages(sent.error.problems), 422);
        case 'CannotMessageYourself': return renderSendMessage(ctx, recipient, form.text.message, { message: CANNOT_MESSAGE_YOURSELF }, 422);
        case 'UserNotFound': return ctx.throw(404);
        case 'TooManyMessages': return ctx.throw(429, { headers: retryAfter(sent.error.retryAfterMs) });
        default: return assertNever(sent.error);
      }
    }
    flash(ctx, MESSAGE_SENT_MESSAGE, 'success');
    ctx.redirect(profileUrl(sent.value.recipient.username));
  });

  router.get(drives('listMessages'), '/messages', loginRequired, async (ctx) => {
    const number = pageNumber(ctx.query.page);
    const page = number === null ? null : await listMessages.execute(currentUser(ctx).id, { number, size: postsPerPage });
    if (!page || page.isErr()) return ctx.throw(404);
    // Read just now: the nav, loaded before, must not go on counting them.
    ctx.state.unreadMessages = 0;
    await renderPage(ctx, 'messages', { title: 'Messages', ...presentPosts(asPosts(page.value), '/messages', clock.now()) });
  });

  // The tutorial's polling endpoint: JSON for a script, so a visitor is a 401, never a redirect to a login page.
  router.get(drives('listNotifications'), '/notifications', async (ctx) => {
    const user = ctx.state.user;
    if (!user) return answerProblem(ctx, 401, 'Log in to read your notifications.');
    const since = sinceOf(ctx.query.since);
    if (!since) return answerProblem(ctx, 400, '`since` must be a number of seconds since the epoch.');
    ctx.body = (await listNotifications.execute(user.id, since)).map(presentNotification);
  });
}

function renderSendMessage(ctx: AppKoaContext, recipient: string, message: string, errors: FieldErrors<MessageField>, status: number) {
  return renderPage(ctx, 'send_message', { title: `Send Message to ${recipient}`, recipient, values: { message }, errors }, status);
}

function answerProblem(ctx: AppKoaContext, status: number, detail: string): void {
  ctx.status = status;
  ctx.type = PROBLEM_JSON;
  ctx.body = problemDetails({ status, title: STATUS_CODES[status] ?? '', detail }, null, ctx.path);
}
