import { assertNever } from '../../../domain/assert-never.js';
import type { Logger } from '../../../domain/ports/logger.js';
import type { AppKoaContext, AppRouter } from '../context.js';
import { retryAfter } from '../errors/retry-after.js';
import { flash } from '../flash.js';
import type { FieldErrors } from '../forms/fields.js';
import { readResetPasswordForm, RESET_PASSWORD_FIELDS, type ResetPasswordField } from '../forms/reset-password-form.js';
import { readResetRequestForm, RESET_REQUEST_FIELDS, type ResetRequestField } from '../forms/reset-request-form.js';
import { fieldMessages, submitForm } from '../forms/submit-form.js';
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
    if (email.isErr()) return renderRequestForm(ctx, useCases, form.text, fieldMessages(email.error.problems), 422);

    await requestReset(requestPasswordReset, { email: email.value, clientAddress: ctx.ip }, options.logger);
    flash(ctx, RESET_INSTRUCTIONS_SENT, 'info');
    ctx.redirect('/login');
  });

  router.get(drives('checkResetToken'), '/reset_password/:token', anonymousOnly, async (ctx) => {
    const reset = await checkResetToken.execute(tokenOf(ctx));
    if (reset.isErr()) return refuseLink(ctx);
    await renderResetForm(ctx, tokenOf(ctx), {}, 200);
  });

  router.post(drives('checkResetToken', 'resetPassword'), '/reset_password/:token', anonymousOnly, async (ctx) => {
    const token = tokenOf(ctx);
    const form = readResetPasswordForm(ctx.request.body);
    // A dead link is told as such, rather than asking to fix a form that can never succeed.
    if (form.value.isErr() && (await checkResetToken.execute(token)).isErr()) return refuseLink(ctx);
    const result = await submitForm(form, RESET_PASSWORD_FIELDS, {
      act: (password) => resetPassword.execute({ token, password }),
      check: async (text) => resetPassword.check(text.password),
    });
    if (result.isErr()) {
      switch (result.error.type) {
        case 'FormRejected': return renderResetForm(ctx, token, fieldMessages(result.error.problems), 422);
        case 'ResetTokenInvalid': return refuseLink(ctx);
        case 'ServiceBusy': return ctx.throw(503, { headers: retryAfter(result.error.retryAfterMs) });
        default: return assertNever(result.error);
      }
    }
    options.logger.info('Password reset through an emailed link; every session of the user ended', { userId: result.value });
    flash(ctx, PASSWORD_RESET_DONE, 'success');
    ctx.redirect('/login');
  });
}

function tokenOf(ctx: Readonly<{ params: Readonly<Record<string, string | undefined>> }>): string {
  return ctx.params.token ?? '';
}

function refuseLink(ctx: AppKoaContext): void {
  flash(ctx, RESET_LINK_INVALID, 'error');
  ctx.redirect('/login');
}

function renderRequestForm(ctx: AppKoaContext, useCases: UseCases, values: { email: string }, errors: FieldErrors<ResetRequestField>, status: number) {
  return renderPage(ctx, 'reset_password_request', { title: 'Reset Password', available: useCases.requestPasswordReset !== null, values, errors }, status);
}

// The address holds the token: the page must stay out of shared caches and the browser's disk cache.
function renderResetForm(ctx: AppKoaContext, token: string, errors: FieldErrors<ResetPasswordField>, status: number) {
  ctx.set('Cache-Control', 'no-store');
  return renderPage(ctx, 'reset_password', { title: 'Reset Your Password', errors, action: `/reset_password/${encodeURIComponent(token)}` }, status);
}
