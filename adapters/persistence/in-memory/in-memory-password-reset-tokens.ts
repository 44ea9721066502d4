import type { PasswordReset } from '../../../domain/password-reset/password-reset.js';
import type { PasswordResetTokens, ResetToken } from '../../../domain/ports/password-reset-tokens.js';
import type { UserId } from '../../../domain/user.js';
import { newRandomToken, tokenHash } from '../random-token.js';
import { snapshotOf, type Restorable } from './in-memory-transactions.js';

/** Pending password resets of one process, for domain tests. */
export class InMemoryPasswordResetTokens implements PasswordResetTokens, Restorable {
  private readonly resets = new Map<string, PasswordReset>();

  async issue(reset: PasswordReset): Promise<ResetToken> {
    const token = newRandomToken();
    this.resets.set(tokenHash(token), { ...reset });
    return token;
  }

  async find(token: ResetToken): Promise<PasswordReset | null> {
    const reset = this.resets.get(tokenHash(token));
    return reset ? { ...reset } : null;
  }

  async take(token: ResetToken): Promise<PasswordReset | null> {
    const hash = tokenHash(token);
    const reset = this.resets.get(hash);
    this.resets.delete(hash);
    return reset ? { ...reset } : null;
  }

  async deleteAllOf(userId: UserId): Promise<void> {
    for (const [hash, reset] of this.resets) if (reset.userId === userId) this.resets.delete(hash);
  }

  async deleteExpired(now: Date): Promise<void> {
    for (const [hash, reset] of this.resets) if (reset.expiresAt <= now) this.resets.delete(hash);
  }

  snapshot(): () => void {
    return snapshotOf(this.resets);
  }
}
