import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { okAsync, type ResultAsync } from 'neverthrow';
import { serviceBusy, type ServiceBusy } from '../../domain/errors.js';
import type { PasswordHasher } from '../../domain/ports/password-hasher.js';
import { ConcurrencyGate, type GateLimits } from './concurrency-gate.js';

export type ScryptCost = Readonly<{ N: number; r: number; p: number }>;

/** OWASP's recommendation for scrypt (Password Storage Cheat Sheet): N=2^17, r=8, p=1. */
export const OWASP_SCRYPT_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

/**
 * How many derivations run at once, and how many may wait. Each one holds a thread of libuv's pool
 * (4 unless UV_THREADPOOL_SIZE says otherwise) for its whole half second, and SQLite's queries and
 * file I/O wait for threads of that same pool: with no limit, a burst of 32 logins held every
 * thread for seconds and stalled every page of the site, not just the logins. So one per core, but
 * never the last two threads of the pool. The line behind them holds about ten seconds of work at
 * OWASP's cost on a modest core (a third of a second a hash): a burst of logins on a busy morning
 * still gets through, and past that a login is better told when to come back than left waiting.
 */
export function defaultHashingLimits(cores = availableParallelism(), threadPool = Number(process.env.UV_THREADPOOL_SIZE) || 4): GateLimits {
  const running = Math.max(1, Math.min(cores, threadPool - 2));
  return { running, waiting: WAITING_PER_RUNNING * running };
}

const WAITING_PER_RUNNING = 32;

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
    limits: GateLimits = defaultHashingLimits(),
  ) {
    this.#gate = new ConcurrencyGate(limits);
  }

  hash(password: string): ResultAsync<string, ServiceBusy> {
    const salt = randomBytes(SALT_LENGTH);
    const { N, r, p } = this.cost;
    return this.#derive(password, salt, this.cost)
      .map((key) => ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$'));
  }

  verify(hash: string, password: string): ResultAsync<boolean, ServiceBusy> {
    const parsed = parse(hash);
    if (!parsed) return okAsync(false);
    return this.#derive(password, parsed.salt, parsed.cost)
      .map((key) => key.length === parsed.key.length && timingSafeEqual(key, parsed.key));
  }

  needsRehash(hash: string): boolean {
    const parsed = parse(hash);
    if (!parsed) return true;
    const { N, r, p } = parsed.cost;
    return N !== this.cost.N || r !== this.cost.r || p !== this.cost.p;
  }

  #derive(password: string, salt: Buffer, cost: ScryptCost): ResultAsync<Buffer, ServiceBusy> {
    return this.#gate.run(() => derive(password, salt, cost)).mapErr(({ retryAfterMs }) => serviceBusy(retryAfterMs));
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
