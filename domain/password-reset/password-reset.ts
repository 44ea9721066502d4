import { err, ok, type Result } from 'neverthrow';
import { resetTokenInvalid, type ResetTokenInvalid } from '../errors.js';
import type { ThrottleRule } from '../login-throttle.js';
import type { UserId } from '../user.js';

/** A pending password reset: whose password the link may set, and until when. */
export type PasswordReset = Readonly<{ userId: UserId; expiresAt: Date }>;

/** Long enough to open an email, short enough that a link found later in a mailbox is dead. */
export const DEFAULT_RESET_LINK_LIFETIME_MS = 10 * 60_000;

// Each request may send an email to someone who did not ask for it: a few per hour per address is
// plenty for a person who lost a message, and useless for flooding a mailbox. Per client address it
// is looser, since several people may share one (an office behind NAT).
export const RESET_EMAIL_RULE: ThrottleRule = { maxFailures: 3, windowMs: 60 * 60_000 };
export const RESET_CLIENT_RULE: ThrottleRule = { maxFailures: 20, windowMs: 60 * 60_000 };

export const resetEmailKey = (email: string): string => `reset-email:${email}`;
export const resetClientKey = (address: string): string => `reset-address:${address}`;

/** The reset a link stands for, if it still works: one that is unknown, used or expired does not. */
export function pendingReset(reset: PasswordReset | null, now: Date): Result<PasswordReset, ResetTokenInvalid> {
  return reset && now.getTime() < reset.expiresAt.getTime() ? ok(reset) : err(resetTokenInvalid());
}
