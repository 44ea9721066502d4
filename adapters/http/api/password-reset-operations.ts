import { checkResetEmail } from '../../../domain/use-cases/request-password-reset.js';
import { readForm } from '../forms/fields.js';
import { NEW_PASSWORD_FORM, RESET_PASSWORD_FIELDS } from '../forms/reset-password-form.js';
import { readResetRequestForm, RESET_REQUEST_FIELDS } from '../forms/reset-request-form.js';
import { submitForm } from '../forms/submit-form.js';
import type { Logger } from '../../../domain/ports/logger.js';
import { requestReset } from '../reset-requests.js';
import { routeNames } from '../route-table.js';
import type { UseCases } from '../use-cases.js';
import { answerApi, sendProblem } from './api-answer.js';
import { ApiProblem } from './api-problem.js';
import type { ApiOperation } from './api-operation.js';
import { ref } from './schemas.js';

const drives = routeNames(import.meta.url);

/**
 * "Forgot your password?" for API clients, with the website's use cases, emails and throttle: the
 * link in the email leads to the website's form, and its token works here as well.
 */
export function passwordResetOperations({ requestPasswordReset, resetPassword }: UseCases, logger: Logger): ApiOperation[] {
  return [
    {
      method: 'post',
      path: '/password-resets',
      operationId: 'requestPasswordReset',
      drives: drives('requestPasswordReset'),
      tag: 'Password reset',
      summary: 'Ask for a password reset link',
      description: 'Email a password reset link to the account with this address. The answer is the same whether or not an account has it.',
      auth: 'none',
      requestBody: ref('ResetRequest'),
      success: { status: 202, description: 'If an account has this address, a link is on its way (at most 3 an hour).' },
      problems: [403, 422],
      handle: async (ctx) => {
        const email = await submitForm(readResetRequestForm(ctx.request.body), RESET_REQUEST_FIELDS, {
          act: async (text) => checkResetEmail(text),
          check: async (text) => checkResetEmail(text.email),
        });
        await answerApi(ctx, email, async (address) => {
          // A site without mail refuses for good what it understood (403, RFC 9110 §15.5.4): no
          // retrying will help, unlike an outage's 503 with its Retry-After, and the endpoint is
          // there, unlike a 404's missing resource.
          if (!requestPasswordReset) return sendProblem(ctx, ApiProblem.of('reset-unavailable', 'This server sends no email, so it cannot reset passwords.'));
          await requestReset(requestPasswordReset, { email: address, clientAddress: ctx.ip, language: ctx.state.language }, logger);
          // No body at all, as documented: without one Koa would send the status text, and an empty
          // string is still text/plain. A null body set after the status would make it a 204.
          ctx.body = null;
          ctx.status = 202;
        });
      },
    },
    {
      method: 'post',
      path: '/password-resets/{token}',
      operationId: 'resetPassword',
      drives: drives('resetPassword'),
      tag: 'Password reset',
      summary: 'Set a new password',
      description: 'Set a new password with the token from a reset link; every session and token of the account ends.',
      auth: 'none',
      requestBody: ref('NewPassword'),
      success: { status: 204, description: 'The password is set; log in with it.' },
      problems: [400, 404, 422],
      handle: async (ctx) => {
        const token = ctx.params.token ?? '';
        const reset = await submitForm(readForm(ctx.request.body, NEW_PASSWORD_FORM), RESET_PASSWORD_FIELDS, {
          act: (password) => resetPassword.execute({ token, password }),
          check: async (text) => resetPassword.check(text.password),
        });
        await answerApi(ctx, reset, () => {
          ctx.status = 204;
        });
      },
    },
  ];
}
