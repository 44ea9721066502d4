import type { PasswordReset } from '../password-reset/password-reset.js';
import type { UserId } from '../user.js';

/** What the reset link carries: opaque, unguessable, and known to nobody but the email's reader. */
export type ResetToken = string;

/**
 * Pending password resets, shared by every process. Like sessions, only a hash of each token is
 * kept, so a leaked table resets nobody's password.
 */
export interface PasswordResetTokens {
  /** Stores `reset` under a fresh random token, which is returned. */
  issue(reset: PasswordReset): Promise<ResetToken>;
  /** The reset a token stands for, expired or not, without using it up. */
  find(token: ResetToken): Promise<PasswordReset | null>;
  /**
   * Deletes the token and returns what it stood for. Of several callers racing with one token,
   * exactly one gets it; the others get null, as for a token that never existed.
   */
  take(token: ResetToken): Promise<PasswordReset | null>;
  /** Ends every pending reset of `userId`: a new password makes the links sent for the old one worthless. */
  deleteAllOf(userId: UserId): Promise<void>;
  /** Forgets resets that expired before `now`. */
  deleteExpired(now: Date): Promise<void>;
}
