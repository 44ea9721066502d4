import type { ResetTokenInvalid } from '../../../domain/errors.js';
import type { Logger } from '../../../domain/ports/logger.js';
import type { AppKoaContext, AppRouter } from '../context.js';
import { flash } from '../flash.js';
import type { FieldErrors } from '../forms/fields.js';
import { readResetPasswordForm, RESET_PASSWORD_FIELDS, type ResetPasswordField } from '../forms/reset-password-form.js';
import { readResetRequestForm, RESET_REQUEST_FIELDS, type ResetRequestField } from '../forms/reset-request-form.js';
import { fieldMessages, submitForm } from '../forms/submit-form.js';
import { answerPage, type OwnAnswers } from '../page-answer.js';
import { renderPage } from '../render.js';
import { requestReset } from '../reset-requests.js';
import { routeNames } from '../route-table.js';
import type { UseCases } from '../use-cases.js';
import { anonymousOnly } from './auth-routes.js';

const drives = routeNames(import.meta.url);

export const RESET_INSTRUCTIONS_SENT = 'Check your email for the instructions to reset your password';
export const PASSWORD_RESET_DONE = 'Your password has been reset.';
// Sent to the login page, whose "Forgot your password?" link asks for a new one.
export const RESET_LINK_INVALID = 'This password reset link is invalid or has expired. You can ask for a new one below.';

export type PasswordResetRouteOptions = Readonly<{
  logger: Logger;
}>;

export function passwordResetRoutes(router: AppRouter, useCases: UseCases, options: PasswordResetRouteOptions): void {
  const { requestPasswordReset, checkResetToken, resetPassword } = useCases;

  router.get(drives(), '/reset_password_request', anonymousOnly, async (ctx) => {
    await renderRequestForm(ctx, useCases, { email: '' }, {}, 200);
  });

  router.post(drives('requestPasswordReset'), '/reset_password_request', anonymousOnly, async (ctx) => {
    // A site without mail refuses for good (403), as the API does: a setting is not an outage, and
    // a 503 would invite trying again. The page offers no form then, so there is nothing to check.
    if (!requestPasswordReset) return renderRequestForm(ctx, useCases, { email: '' }, {}, 403);
    const form = readResetRequestForm(ctx.request.body);
    const email = await submitForm(form, RESET_REQUEST_FIELDS, { act: async (address) => requestPasswordReset.check(address) });
    await answerPage(ctx, email, async (address) => {
      await requestReset(requestPasswordReset, { email: address, clientAddress: ctx.ip, language: ctx.state.language }, options.logger);
      flash(ctx, RESET_INSTRUCTIONS_SENT, 'info');
      ctx.redirect('/login');
    }, {
      FormRejected: (rejected) => renderRequestForm(ctx, useCases, form.text, fieldMessages(rejected.problems, ctx.state.t), 422),
    });
  });

  router.get(drives('checkResetToken'), '/reset_password/:token', anonymousOnly, async (ctx) => {
    await answerPage(ctx, checkResetToken.execute(tokenOf(ctx)), () => renderResetForm(ctx, tokenOf(ctx), {}, 200), deadLink(ctx));
  });

  router.post(drives('checkResetToken', 'resetPassword'), '/reset_password/:token', anonymousOnly, async (ctx) => {
    const token = tokenOf(ctx);
    const form = readResetPasswordForm(ctx.request.body);
    const result = await submitForm(form, RESET_PASSWORD_FIELDS, {
      act: (password) => resetPassword.execute({ token, password }),
      check: async (text) => resetPassword.check(text.password),
    });
    await answerPage(ctx, result, (userId) => {
      options.logger.info('Password reset through an emailed link; every session of the user ended', { userId });
      flash(ctx, PASSWORD_RESET_DONE, 'success');
      ctx.redirect('/login');
    }, {
      // A dead link is told as such, rather than asking to fix a form that can never succeed.
      FormRejected: (rejected) => answerPage(ctx, checkResetToken.execute(token), () => renderResetForm(ctx, token, fieldMessages(rejected.problems, ctx.state.t), 422), deadLink(ctx)),
      ...deadLink(ctx),
    });
  });
}

function tokenOf(ctx: Readonly<{ params: Readonly<Record<string, string | undefined>> }>): string {
  return ctx.params.token ?? '';
}

function deadLink(ctx: AppKoaContext): OwnAnswers<ResetTokenInvalid> {
  return {
    ResetTokenInvalid: () => {
      flash(ctx, RESET_LINK_INVALID, 'error');
      ctx.redirect('/login');
    },
  };
}

function renderRequestForm(ctx: AppKoaContext, useCases: UseCases, values: { email: string }, errors: FieldErrors<ResetRequestField>, status: number) {
  return renderPage(ctx, 'reset_password_request', { title: 'Reset Password', available: useCases.requestPasswordReset !== null, values, errors }, status);
}

// The address holds the token: the page must stay out of shared caches and the browser's disk cache.
function renderResetForm(ctx: AppKoaContext, token: string, errors: FieldErrors<ResetPasswordField>, status: number) {
  ctx.set('Cache-Control', 'no-store');
  return renderPage(ctx, 'reset_password', { title: 'Reset Your Password', errors, action: `/reset_password/${encodeURIComponent(token)}` }, status);
}
