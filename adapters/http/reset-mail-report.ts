import type { MailNotSent } from '../../domain/errors.js';
import type { Logger } from '../../domain/ports/logger.js';

/** The error an administrator is alerted with when reset emails stop going out. */
export class ResetMailNotSent extends Error {
  override readonly name = 'ResetMailNotSent';
}

/**
 * Tells the operators about reset emails the mail server would not take: the first failure as an
 * error (which alerts the administrators once), the next ones as warnings until an email gets
 * through again, so a mail outage is one alert, not one per person locked out.
 */
export class ResetMailReport {
  #failing = false;

  constructor(private readonly logger: Logger) {}

  sent(): void {
    if (this.#failing) this.logger.info('Password reset emails are being delivered again');
    this.#failing = false;
  }

  notSent(failure: MailNotSent): void {
    if (this.#failing) {
      this.logger.warn(`Password reset email not sent: ${failure.reason}`);
      return;
    }
    this.#failing = true;
    this.logger.error('Password reset email not sent', new ResetMailNotSent(failure.reason));
  }
}
