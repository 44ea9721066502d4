import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { PasswordHasher } from '../../domain/ports/password-hasher.js';
import { ConcurrencyGate } from './concurrency-gate.js';

export type ScryptCost = Readonly<{ N: number; r: number; p: number }>;

/** OWASP's recommendation for scrypt (Password Storage Cheat Sheet): N=2^17, r=8, p=1. */
export const OWASP_SCRYPT_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

/**
 * Derivations running at once. Each one holds a thread of libuv's pool (4 by default) for its whole
 * half second, and SQLite's queries and file I/O wait for threads of that same pool: with no limit,
 * a burst of 32 logins held every thread for seconds and stalled every page of the site, not just
 * the logins (the bench once saw no response at all within 10 s). Two keep both cores of the
 * project's machine hashing and two threads free for everything else.
 */
export const DEFAULT_CONCURRENT_DERIVATIONS = 2;

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

/**
 * Hashes as `scrypt$N$r$p$salt$key` (base64), so each stored hash carries the cost it was made
 * with and stays verifiable after the cost is raised.
 */
export class ScryptPasswordHasher implements PasswordHasher {
  readonly #gate: ConcurrencyGate;

  constructor(
    private readonly cost: ScryptCost = OWASP_SCRYPT_COST,
    concurrentDerivations = DEFAULT_CONCURRENT_DERIVATIONS,
  ) {
    this.#gate = new ConcurrencyGate(concurrentDerivations);
  }

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_LENGTH);
    const key = await this.#gate.run(() => derive(password, salt, this.cost));
    const { N, r, p } = this.cost;
    return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
  }

  async verify(hash: string, password: string): Promise<boolean> {
    const parsed = parse(hash);
    if (!parsed) return false;
    const key = await this.#gate.run(() => derive(password, parsed.salt, parsed.cost));
    return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
  }

  needsRehash(hash: string): boolean {
    const parsed = parse(hash);
    if (!parsed) return true;
    const { N, r, p } = parsed.cost;
    return N !== this.cost.N || r !== this.cost.r || p !== this.cost.p;
  }
}

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  // Node refuses more than 32 MiB by default; the OWASP cost needs 128 × N × r bytes.
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function parse(hash: string): { cost: ScryptCost; salt: Buffer; key: Buffer } | null {
  const [scheme, N, r, p, salt, key, ...rest] = hash.split('$');
  if (scheme !== 'scrypt' || salt === undefined || key === undefined || rest.length > 0) return null;
  const cost = { N: Number(N), r: Number(r), p: Number(p) };
  if (![cost.N, cost.r, cost.p].every((n) => Number.isSafeInteger(n) && n > 0)) return null;
  return { cost, salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') };
}
