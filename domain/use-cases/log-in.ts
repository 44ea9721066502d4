import { err, ok, type Result } from 'neverthrow';
import { invalidCredentials, tooManyAttempts, type InvalidCredentials, type TooManyAttempts } from '../errors.js';
import { ACCOUNT_RULE, ADDRESS_RULE, accountKey, addressKey, waitBeforeNextTry, type ThrottleRule } from '../login-throttle.js';
import type { Clock } from '../ports/clock.js';
import type { LoginAttemptLog } from '../ports/login-attempt-log.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { Transactions } from '../ports/transactions.js';
import type { UserRepository } from '../ports/user-repository.js';
import type { User } from '../user.js';

export type LogInError = InvalidCredentials | TooManyAttempts;

export type LogInInput = Readonly<{ username: string; password: string; clientAddress: string }>;

export class LogIn {
  /** Hashed once, lazily: verifying against it makes an unknown username cost as much as a known one. */
  private decoyHash: Promise<string> | undefined;

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
    const wait = Math.max(await this.waitFor(account, ACCOUNT_RULE, now), await this.waitFor(address, ADDRESS_RULE, now));
    if (wait > 0) return err(tooManyAttempts(wait));

    const user = await this.users.findByUsername(input.username.trim());
    const matches = user
      ? await this.hasher.verify(user.passwordHash, input.password)
      : await this.verifyDecoy(input.password);
    if (!user || !matches) {
      // Unknown names count like known ones, so the throttle tells nothing about which exist.
      await this.attempts.recordFailure([account, address], now);
      return err(invalidCredentials());
    }
    // Hashed before the transaction, so a slow hash never holds its writes open.
    const upgradedHash = this.hasher.needsRehash(user.passwordHash) ? await this.hasher.hash(input.password) : null;
    return this.transactions.run(async () => {
      await this.attempts.clear(account);
      if (upgradedHash) await this.users.updatePasswordHash(user.id, upgradedHash);
      return ok(user);
    });
  }

  private async waitFor(key: string, rule: ThrottleRule, now: Date): Promise<number> {
    const failures = await this.attempts.failuresSince(key, new Date(now.getTime() - rule.windowMs));
    return waitBeforeNextTry(failures, rule, now);
  }

  private async verifyDecoy(password: string): Promise<false> {
    this.decoyHash ??= this.hasher.hash('decoy password that matches nothing');
    await this.hasher.verify(await this.decoyHash, password);
    return false;
  }
}
