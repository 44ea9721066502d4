import { err, ok, type Result } from 'neverthrow';
import {
  invalidCredentials, tooManyAttempts, type InvalidCredentials, type ServiceBusy, type TooManyAttempts,
} from '../errors.js';
import { ACCOUNT_RULE, ADDRESS_RULE, accountKey, addressKey, waitBeforeNextTry, type ThrottleRule } from '../login-throttle.js';
import type { Clock } from '../ports/clock.js';
import type { LoginAttemptLog } from '../ports/login-attempt-log.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { Transactions } from '../ports/transactions.js';
import type { UserRepository } from '../ports/user-repository.js';
import type { User } from '../user.js';

export type LogInError = InvalidCredentials | TooManyAttempts | ServiceBusy;

export type LogInInput = Readonly<{ username: string; password: string; clientAddress: string }>;

// A refusal always asks for some wait, even when the failures that caused it were cleared meanwhile.
const MIN_WAIT_MS = 1000;

export class LogIn {
  /** Hashed once, lazily: verifying against it makes an unknown username cost as much as a known one. */
  private decoyHash: string | undefined;

  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly attempts: LoginAttemptLog,
    private readonly clock: Clock,
    private readonly transactions: Transactions,
  ) {}

  async execute(input: LogInInput): Promise<Result<User, LogInError>> {
    const now = this.clock.now();
    const account = accountKey(input.username);
    const address = addressKey(input.clientAddress);
    // An address counts finished failures only: many people may log in at once behind one (an
    // office), and an attempt still being checked must not refuse them. A throttled account is
    // told so from a read too, so a flood of refused guesses costs no writes.
    const wait = Math.max(await this.waitFor(address, ADDRESS_RULE, now), await this.waitFor(account, ACCOUNT_RULE, now));
    if (wait > 0) return err(tooManyAttempts(wait));
    // An account, which guessing targets, counts each attempt before its password is checked, so
    // guesses sent together are throttled like guesses sent one by one (the read above may let
    // several through at once; the reservation is what decides). Unknown names count like known
    // ones: the throttle tells nothing about which exist.
    const attempt = await this.attempts.reserve(account, now, { since: windowStart(ACCOUNT_RULE, now), limit: ACCOUNT_RULE.maxFailures });
    if (attempt === null) return err(tooManyAttempts(Math.max(MIN_WAIT_MS, await this.waitFor(account, ACCOUNT_RULE, now))));

    const user = await this.users.findByUsername(input.username.trim());
    const matches = user ? await this.hasher.verify(user.passwordHash, input.password) : await this.verifyDecoy(input.password);
    if (matches.isErr()) {
      // Never checked, so not a failure: a busy server must not lock anyone out of their account.
      await this.attempts.withdraw(account, attempt);
      return err(matches.error);
    }
    if (!user || !matches.value) {
      // The account keeps its attempt as the failure it is; the address is charged now.
      await this.attempts.recordFailure([address], now);
      return err(invalidCredentials());
    }

    // Hashed before the transaction, so a slow hash never holds its writes open. A busy hasher
    // only puts the upgrade off to a later login.
    const upgradedHash = this.hasher.needsRehash(user.passwordHash) ? (await this.hasher.hash(input.password)).unwrapOr(null) : null;
    return this.transactions.run(async () => {
      await this.attempts.clear(account);
      if (upgradedHash) await this.users.updatePasswordHash(user.id, upgradedHash);
      return ok(user);
    });
  }

  private async waitFor(key: string, rule: ThrottleRule, now: Date): Promise<number> {
    return waitBeforeNextTry(await this.attempts.failuresSince(key, windowStart(rule, now)), rule, now);
  }

  private async verifyDecoy(password: string): Promise<Result<false, ServiceBusy>> {
    if (this.decoyHash === undefined) {
      const decoy = await this.hasher.hash('decoy password that matches nothing');
      if (decoy.isErr()) return err(decoy.error);
      this.decoyHash ??= decoy.value;
    }
    return (await this.hasher.verify(this.decoyHash, password)).map(() => false as const);
  }
}

const windowStart = (rule: ThrottleRule, now: Date): Date => new Date(now.getTime() - rule.windowMs);
