import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits (a session's, a password reset's): unguessable, and never stored as such. */
export function newRandomToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * What a store keeps instead of the token, so a leaked table logs nobody in. Looking a token up by
 * this hash also compares in constant time where it matters: timing the lookup reveals at most how
 * much of a hash matched, which says nothing about any token.
 */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
