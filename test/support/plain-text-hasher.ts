import type { ResultAsync } from 'neverthrow';
import { ConcurrencyGate, type GateLimits } from '../../adapters/security/concurrency-gate.js';
import { serviceBusy, type ServiceBusy } from '../../domain/errors.js';
import type { PasswordHasher } from '../../domain/ports/password-hasher.js';

/**
 * A transparent hasher for domain tests, where the cost of scrypt would only slow things down. It
 * takes turns through the same gate as the real one, so a domain test can fill it and meet `ServiceBusy`.
 */
export class PlainTextHasher implements PasswordHasher {
  readonly #gate: ConcurrencyGate;

  constructor(limits: GateLimits = { running: 1, waiting: 1000 }) {
    this.#gate = new ConcurrencyGate(limits);
  }

  hash(password: string): ResultAsync<string, ServiceBusy> {
    return this.#turn(async () => `plain:${password}`);
  }

  verify(hash: string, password: string): ResultAsync<boolean, ServiceBusy> {
    return this.#turn(async () => hash === `plain:${password}`);
  }

  /** Hashes from before the `plain:` format (in tests: any other string) count as outdated. */
  needsRehash(hash: string): boolean {
    return !hash.startsWith('plain:');
  }

  #turn<T>(work: () => Promise<T>): ResultAsync<T, ServiceBusy> {
    return this.#gate.run(work).mapErr(({ retryAfterMs }) => serviceBusy(retryAfterMs));
  }
}
