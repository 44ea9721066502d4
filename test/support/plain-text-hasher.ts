import type { PasswordHasher } from '../../domain/ports/password-hasher.js';

/** A transparent hasher for domain tests, where the cost of scrypt would only slow things down. */
export class PlainTextHasher implements PasswordHasher {
  async hash(password: string): Promise<string> {
    return `plain:${password}`;
  }

  async verify(hash: string, password: string): Promise<boolean> {
    return hash === `plain:${password}`;
  }

  /** Hashes from before the `plain:` format (in tests: any other string) count as outdated. */
  needsRehash(hash: string): boolean {
    return !hash.startsWith('plain:');
  }
}
