import { readForm } from '../forms/fields.js';
import { postFields, postForm } from '../forms/post-form.js';
import { submitForm } from '../forms/submit-form.js';
import { presentNotification, sinceOf } from '../presenters/message-presenter.js';
import { routeNames } from '../route-table.js';
import type { UseCases } from '../use-cases.js';
import { userIdOf } from './api-fields.js';
import { answerApi } from './api-answer.js';
import type { ApiOperation } from './api-operation.js';
import { ApiProblem } from './api-problem.js';
import { callerOf } from './bearer-auth.js';
import { pagedList } from './pagination-query.js';
import { presentMessage } from './representations.js';
import { ref } from './schemas.js';

const drives = routeNames(import.meta.url);

/** Private messages and notifications for API clients, with the website's use cases and throttle. */
export function messageOperations({ sendMessage, listMessages, listNotifications }: UseCases): ApiOperation[] {
  return [
    {
      method: 'post',
      path: '/users/{id}/messages',
      operationId: 'sendMessage',
      drives: drives('sendMessage'),
      tag: 'Messages',
      summary: 'Send a private message',
      description: 'A message of 1 to 140 characters to another user. At most 30 a minute per sender, the website\'s included.',
      auth: 'bearer',
      requestBody: ref('NewPost'),
      success: { status: 201, description: 'The message, in its recipient\'s list.', schema: ref('Message') },
      problems: [404, 422, 429],
      handle: async (ctx) => {
        const me = callerOf(ctx);
        await answerApi(ctx, userIdOf(ctx), async (recipientId) => {
          const send = (body: string) => sendMessage.execute({ senderId: me.id, recipient: { id: recipientId }, body });
          const sent = await submitForm(readForm(ctx.request.body, postForm('body')), postFields('body'), { act: send });
          await answerApi(ctx, sent, ({ message }) => {
            ctx.status = 201;
            ctx.body = presentMessage({ id: message.id, body: message.body, sentAt: message.sentAt, sender: me });
          });
        });
      },
    },
    {
      method: 'get',
      path: '/messages',
      operationId: 'listMessages',
      drives: drives('listMessages'),
      tag: 'Messages',
      summary: 'Read your messages',
      description: 'The messages you received, newest first. Reading them marks them read, as the website\'s page does.',
      auth: 'bearer',
      paginated: true,
      success: { status: 200, description: 'One page of your messages, newest first.', schema: ref('MessageList') },
      handle: pagedList((ctx, page) => listMessages.executeCounted(callerOf(ctx).id, page), presentMessage),
    },
    {
      method: 'get',
      path: '/notifications',
      operationId: 'listNotifications',
      drives: drives('listNotifications'),
      tag: 'Messages',
      summary: 'Poll your notifications',
      description: 'Your notifications written after `since` (seconds since the epoch, a float; every one when left out), oldest first.',
      auth: 'bearer',
      success: { status: 200, description: 'Your notifications after `since`.', schema: { type: 'array', items: ref('Notification') } },
      problems: [400],
      handle: async (ctx) => {
        const listed = sinceOf(ctx.query.since)
          .mapErr((message) => ApiProblem.of('invalid-query-parameter', 'Invalid query parameters: {names}.', { detailValues: { names: 'since' }, errors: [{ field: 'since', code: 'invalid', message }] }))
          .asyncMap((since) => listNotifications.execute(callerOf(ctx).id, since));
        await answerApi(ctx, await listed, (notifications) => {
          ctx.body = notifications.map(presentNotification);
        });
      },
    },
  ];
}
