import type { Result } from 'neverthrow';
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

  async execute(token: ResetToken): Promise<Result<PasswordReset, ResetTokenInvalid>> {
    return pendingReset(await this.tokens.find(token), this.clock.now());
  }
}
