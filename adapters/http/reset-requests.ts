import { assertNever } from '../../domain/assert-never.js';
import type { Logger } from '../../domain/ports/logger.js';
import type { PasswordResetRequest, RequestPasswordReset } from '../../domain/use-cases/request-password-reset.js';

/**
 * Asks for a reset email, for the website and the API alike. The answer is the same whatever
 * happens here (a throttled request included), so it tells nobody whether an address has an
 * account; only the log says what became of the request.
 */
export async function requestReset(useCase: RequestPasswordReset, request: PasswordResetRequest, logger: Logger): Promise<void> {
  await useCase.execute(request).match(() => {}, (refusal) => {
    switch (refusal.type) {
      case 'TooManyAttempts': return logger.info('Password reset request throttled: no email sent');
      // The address was checked before; nothing was counted or queued.
      case 'FieldsRejected': return;
      default: return assertNever(refusal);
    }
  });
}
