import type { Logger } from '../../domain/ports/logger.js';
import type { SendPasswordResetEmail } from '../../domain/use-cases/send-password-reset-email.js';
import type { JobHandler } from './job-runner.js';

/** Runs reset email jobs; the log, not the person who asked, learns whether an account had the address. */
export function passwordResetEmailHandler(useCase: SendPasswordResetEmail, logger: Logger): JobHandler {
  return {
    run: async (job) => (await useCase.execute(job)).map((outcome) => {
      logger.info(outcome === 'emailed' ? 'Password reset email sent' : 'Password reset asked for an address no account has');
    }),
  };
}
