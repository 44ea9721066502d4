import { ResultAsync } from 'neverthrow';
import type { ResetTokenInvalid } from '../errors.js';
import { pendingReset, type PasswordReset } from '../password-reset/password-reset.js';
import type { Clock } from '../ports/clock.js';
import type { PasswordResetTokens, ResetToken } from '../ports/password-reset-tokens.js';

/** Whether a reset link still works, without using it: the new-password form is shown only for one that does. */
export class CheckResetToken {
  constructor(
    private readonly tokens: PasswordResetTokens,
    private readonly clock: Clock,
  ) {}

  execute(token: ResetToken): ResultAsync<PasswordReset, ResetTokenInvalid> {
    return ResultAsync.fromSafePromise(this.tokens.find(token)).andThen((found) => pendingReset(found, this.clock.now()));
  }
}
