import { randomBytes } from 'node:crypto';

// Crockford's base32 without look-alikes (no I, L, O, U), so a reference read out over the phone survives.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A short id for one unexpected error, shown to the user and written to the log and the alert. */
export function newErrorReference(): string {
  return [...randomBytes(8)].map((byte) => ALPHABET[byte % 32]).join('');
}
