import type { Result } from 'neverthrow';
import { assertNever } from '../../../domain/assert-never.js';
import type { Logger } from '../../../domain/ports/logger.js';
import type { RequestPasswordResetError, ResetRequested } from '../../../domain/use-cases/request-password-reset.js';
import type { BackgroundTasks } from '../background-tasks.js';
import type { AppKoaContext, AppRouter } from '../context.js';
import { flash } from '../flash.js';
import type { FieldErrors } from '../forms/fields.js';
import { emailInvalidMessage, passwordTooShortMessage } from '../forms/messages.js';
import { readResetPasswordForm, type ResetPasswordField } from '../forms/reset-password-form.js';
import { readResetRequestForm, type ResetRequestField } from '../forms/reset-request-form.js';
import { renderPage } from '../render.js';
import type { ResetMailReport } from '../reset-mail-report.js';
import type { UseCases } from '../use-cases.js';
import { anonymousOnly } from './auth-routes.js';

export const RESET_INSTRUCTIONS_SENT = 'Check your email for the instructions to reset your password';
export const PASSWORD_RESET_DONE = 'Your password has been reset.';
// Sent to the login page, whose "Forgot your password?" link asks for a new one.
export const RESET_LINK_INVALID = 'This password reset link is invalid or has expired. You can ask for a new one below.';

export type PasswordResetRouteOptions = Readonly<{
  background: BackgroundTasks;
  mailReport: ResetMailReport;
  logger: Logger;
}>;

export function passwordResetRoutes(router: AppRouter, useCases: UseCases, options: PasswordResetRouteOptions): void {
  const { requestPasswordReset, checkResetToken, resetPassword } = useCases;

  router.get('/reset_password_request', anonymousOnly, async (ctx) => {
    await renderRequestForm(ctx, useCases, { email: '' }, {}, 200);
  });

  router.post('/reset_password_request', anonymousOnly, async (ctx) => {
    if (!requestPasswordReset) return renderRequestForm(ctx, useCases, { email: '' }, {}, 503);
    const form = readResetRequestForm(ctx.request.body);
    if (form.email === null) return renderRequestForm(ctx, useCases, form.values, form.errors, 422);
    const email = requestPasswordReset.check(form.email);
    if (email.isErr()) return renderRequestForm(ctx, useCases, form.values, { email: emailInvalidMessage(email.error) }, 422);

    // The answer leaves before the lookup and the mail are done, and is the same whatever they
    // find: neither its words nor its timing tell whether the address has an account.
    const request = { email: email.value, clientAddress: ctx.ip };
    options.background.run('Password reset request', async () => report(await requestPasswordReset.execute(request), options));
    flash(ctx, RESET_INSTRUCTIONS_SENT, 'info');
    ctx.redirect('/login');
  });

  router.get('/reset_password/:token', anonymousOnly, async (ctx) => {
    const reset = await checkResetToken.execute(tokenOf(ctx));
    if (reset.isErr()) return refuseLink(ctx);
    await renderResetForm(ctx, tokenOf(ctx), {}, 200);
  });

  router.post('/reset_password/:token', anonymousOnly, async (ctx) => {
    const token = tokenOf(ctx);
    const form = readResetPasswordForm(ctx.request.body);
    if (form.password === null) {
      // A dead link is told as such, rather than asking to fix a form that can never succeed.
      if ((await checkResetToken.execute(token)).isErr()) return refuseLink(ctx);
      return renderResetForm(ctx, token, form.errors, 422);
    }
    const result = await resetPassword.execute({ token, password: form.password });
    if (result.isErr()) {
      switch (result.error.type) {
        case 'ResetTokenInvalid': return refuseLink(ctx);
        case 'PasswordTooShort': return renderResetForm(ctx, token, { password: passwordTooShortMessage(result.error) }, 422);
        default: return assertNever(result.error);
      }
    }
    options.logger.info('Password reset through an emailed link; every session of the user ended', { userId: result.value });
    flash(ctx, PASSWORD_RESET_DONE, 'success');
    ctx.redirect('/login');
  });
}

function report(outcome: Result<ResetRequested, RequestPasswordResetError>, options: PasswordResetRouteOptions): void {
  if (outcome.isOk()) {
    if (outcome.value === 'emailed') options.mailReport.sent();
    options.logger.info(outcome.value === 'emailed' ? 'Password reset email sent' : 'Password reset asked for an address no account has');
    return;
  }
  switch (outcome.error.type) {
    case 'MailNotSent': return options.mailReport.notSent(outcome.error);
    case 'TooManyAttempts': return options.logger.info('Password reset request throttled: no email sent');
    // The route checked the address before starting; nothing was counted or sent.
    case 'EmailInvalid': return;
    default: return assertNever(outcome.error);
  }
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
