import type { UserId } from '../user.js';

/**
 * A bearer token for the API, kept on the server (as a hash) so it can be revoked. It lives a fixed
 * time from issue; unlike a browser session, activity does not extend it.
 */
export type AccessToken = Readonly<{
  userId: UserId;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}>;

export type NewAccessToken = Omit<AccessToken, 'revokedAt'>;

export const DEFAULT_ACCESS_TOKEN_LIFETIME_MS = 60 * 60 * 1000;

/**
 * How long an expired or revoked token is still recognised as such (so its bearer learns why it no
 * longer works) before it is deleted, which keeps the table from growing without bound.
 */
export const SPENT_TOKEN_RETENTION_MS = 24 * 60 * 60 * 1000;
