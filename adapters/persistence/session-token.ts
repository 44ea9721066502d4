import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits: unguessable, and never stored as such. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What a store keeps instead of the token, so a leaked table logs nobody in. */
export function sessionTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
