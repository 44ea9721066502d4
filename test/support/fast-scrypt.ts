import type { ScryptCost } from '../../adapters/security/scrypt-password-hasher.js';

/** Real scrypt at a cost that keeps a test suite quick; production uses OWASP's. */
export const FAST_SCRYPT_COST: ScryptCost = { N: 2 ** 10, r: 8, p: 1 };
