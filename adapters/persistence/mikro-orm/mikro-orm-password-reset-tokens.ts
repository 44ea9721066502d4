import type { EntityManager } from '@mikro-orm/core';
import type { PasswordReset } from '../../../domain/password-reset/password-reset.js';
import type { PasswordResetTokens, ResetToken } from '../../../domain/ports/password-reset-tokens.js';
import type { UserId } from '../../../domain/user.js';
import { newRandomToken, tokenHash } from '../random-token.js';
import { PasswordResetSchema } from './password-reset-schema.js';

/** Pending password resets in the database, shared by every process; the table holds token hashes only. */
export class MikroOrmPasswordResetTokens implements PasswordResetTokens {
  constructor(private readonly em: EntityManager) {}

  async issue(reset: PasswordReset): Promise<ResetToken> {
    const token = newRandomToken();
    await this.em.insert(PasswordResetSchema, { tokenHash: tokenHash(token), userId: reset.userId, expiresAt: reset.expiresAt });
    return token;
  }

  async find(token: ResetToken): Promise<PasswordReset | null> {
    const [row] = await this.em.find(PasswordResetSchema, { tokenHash: tokenHash(token) }, { disableIdentityMap: true });
    return row ? { userId: row.userId, expiresAt: row.expiresAt } : null;
  }

  // The delete decides a race: the database removes the row once, and only that caller sees it go.
  async take(token: ResetToken): Promise<PasswordReset | null> {
    const reset = await this.find(token);
    if (!reset) return null;
    const deleted = await this.em.nativeDelete(PasswordResetSchema, { tokenHash: tokenHash(token) });
    return deleted === 1 ? reset : null;
  }

  async deleteAllOf(userId: UserId): Promise<void> {
    await this.em.nativeDelete(PasswordResetSchema, { userId });
  }

  async deleteExpired(now: Date): Promise<void> {
    await this.em.nativeDelete(PasswordResetSchema, { expiresAt: { $lte: now } });
  }
}
