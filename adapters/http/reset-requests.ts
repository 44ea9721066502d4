import type { Result } from 'neverthrow';
import { assertNever } from '../../domain/assert-never.js';
import type { Logger } from '../../domain/ports/logger.js';
import type { PasswordResetRequest, RequestPasswordReset, RequestPasswordResetError, ResetRequested } from '../../domain/use-cases/request-password-reset.js';
import type { BackgroundTasks } from './background-tasks.js';
import { ResetMailReport } from './reset-mail-report.js';

/**
 * Starts password reset requests, for the website and the API alike, after the response: the answer
 * leaves before the lookup and the mail are done, and is the same whatever they find, so neither
 * its words nor its timing tell whether an address has an account. One report of the mail's fate
 * serves both ways in, so a mail outage is one alert however people asked.
 */
export class ResetRequests {
  readonly #mailReport: ResetMailReport;

  constructor(
    private readonly background: BackgroundTasks,
    private readonly logger: Logger,
  ) {
    this.#mailReport = new ResetMailReport(logger);
  }

  /** `request.email` was checked with the use case's own `check` before. */
  start(useCase: RequestPasswordReset, request: PasswordResetRequest): void {
    this.background.run('Password reset request', async () => this.report(await useCase.execute(request)));
  }

  private report(outcome: Result<ResetRequested, RequestPasswordResetError>): void {
    if (outcome.isOk()) {
      if (outcome.value === 'emailed') this.#mailReport.sent();
      this.logger.info(outcome.value === 'emailed' ? 'Password reset email sent' : 'Password reset asked for an address no account has');
      return;
    }
    switch (outcome.error.type) {
      case 'MailNotSent': return this.#mailReport.notSent(outcome.error);
      case 'TooManyAttempts': return this.logger.info('Password reset request throttled: no email sent');
      // The address was checked before starting; nothing was counted or sent.
      case 'FieldsRejected': return;
      default: return assertNever(outcome.error);
    }
  }
}
