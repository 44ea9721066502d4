import { ok, safeTry, type Result, type ResultAsync } from 'neverthrow';
import { fieldsRejected, type FieldsRejected, type PasswordTooShort, type ResetTokenInvalid, type ServiceBusy } from '../errors.js';
import { pendingReset } from '../password-reset/password-reset.js';
import type { AccessTokenRepository } from '../ports/access-token-repository.js';
import type { Clock } from '../ports/clock.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { PasswordResetTokens, ResetToken } from '../ports/password-reset-tokens.js';
import type { SessionRepository } from '../ports/session-repository.js';
import type { Transactions } from '../ports/transactions.js';
import type { UserRepository } from '../ports/user-repository.js';
import type { UserId } from '../user.js';
import { parsePassword } from '../user-rules.js';

export type ResetPasswordError = ResetTokenInvalid | FieldsRejected<PasswordTooShort> | ServiceBusy;

export type PasswordResetInput = Readonly<{ token: ResetToken; password: string }>;

export type ResetPasswordPorts = Readonly<{
  tokens: PasswordResetTokens;
  users: UserRepository;
  sessions: SessionRepository;
  accessTokens: AccessTokenRepository;
  hasher: PasswordHasher;
  clock: Clock;
  transactions: Transactions;
}>;

/**
 * Sets a new password through a reset link. The link works once, and the new password ends every
 * session and API token of the account and every other pending link: whoever knew the old password
 * or held a session or a token is out.
 */
export class ResetPassword {
  constructor(private readonly ports: ResetPasswordPorts) {}

  /** Whether `password` may be the new one (the registration rules), setting nothing. */
  check(password: string): Result<string, FieldsRejected<PasswordTooShort>> {
    return parsePassword(password).mapErr((tooShort) => fieldsRejected([tooShort]));
  }

  execute(input: PasswordResetInput): ResultAsync<UserId, ResetPasswordError> {
    return safeTry(() => this.reset(input));
  }

  private async *reset(input: PasswordResetInput) {
    const { tokens, users, sessions, accessTokens, hasher, clock, transactions } = this.ports;
    yield* pendingReset(await tokens.find(input.token), clock.now());
    const password = yield* this.check(input.password);
    // Hashed before the link is used up, so a slow hash never holds the writes below open, and a
    // busy server leaves the link as it was.
    const passwordHash = yield* hasher.hash(password);

    // One transaction: a link used up without the new password set could never be used again.
    return transactions.run(() => safeTry(async function* () {
      // Taken, not just read: of two submits racing with one link, only one sets a password.
      const { userId } = yield* pendingReset(await tokens.take(input.token), clock.now());
      await users.updatePasswordHash(userId, passwordHash);
      await tokens.deleteAllOf(userId);
      await sessions.deleteAllOf(userId);
      await accessTokens.revokeAllOf(userId, clock.now());
      return ok(userId);
    }));
  }
}
