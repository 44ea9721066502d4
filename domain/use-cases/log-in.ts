import { err, okAsync, ResultAsync, safeTry } from 'neverthrow';
import {
  invalidCredentials, tooManyAttempts, type InvalidCredentials, type ServiceBusy, type TooManyAttempts,
} from '../errors.js';
import { ACCOUNT_RULE, ADDRESS_RULE, accountKey, addressKey, waitBeforeNextTry, type ThrottleRule } from '../login-throttle.js';
import type { Clock } from '../ports/clock.js';
import type { AttemptId, AttemptRoom, LoginAttemptLog } from '../ports/login-attempt-log.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { Transactions } from '../ports/transactions.js';
import type { UserRepository } from '../ports/user-repository.js';
import type { User } from '../user.js';
import { parseUsername } from '../user-rules.js';

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

  execute(input: LogInInput): ResultAsync<User, LogInError> {
    return safeTry(() => this.logIn(input));
  }

  private async *logIn(input: LogInInput) {
    // A name outside the username rules belongs to nobody, and the rules are public: refused like
    // a wrong password, before anything is counted, and never looked up in a wider alphabet.
    const username = yield* parseUsername(input.username).mapErr(() => invalidCredentials());
    const now = this.clock.now();
    const account = accountKey(username);
    const rooms = [roomFor(account, ACCOUNT_RULE, now), roomFor(addressKey(input.clientAddress), ADDRESS_RULE, now)];
    // A throttled account or address is told so from a read, so a flood of refused guesses costs no writes.
    const wait = await this.waitBefore(rooms, now);
    if (wait > 0) return err(tooManyAttempts(wait));
    // Each attempt is counted under its account and its address before its password is checked,
    // so guesses sent together are throttled like guesses sent one by one (the read above may let
    // several through at once; the reservation is what decides). Unknown names count like known
    // ones: the throttle tells nothing about which exist.
    const attempts = await this.attempts.reserve(rooms, now);
    if (attempts === null) return err(tooManyAttempts(Math.max(MIN_WAIT_MS, await this.waitBefore(rooms, now))));
    try {
      return yield* this.check(username, input.password, account, attempts);
    } catch (error) {
      // Never checked, or checked but not let in: either way not a failure of the person logging
      // in, and a database that fails under the owner's correct password must not lock them out.
      await this.withdrawIfPossible(attempts);
      throw error;
    }
  }

  private async *check(username: string, password: string, account: string, attempts: readonly AttemptId[]) {
    const user = await this.users.findByUsername(username);
    const matches = yield* (user ? this.hasher.verify(user.passwordHash, password) : this.verifyDecoy(password))
      // Never checked, so not a failure: a busy server must not lock anyone out of their account.
      .orElse((busy) => ResultAsync.fromSafePromise(this.attempts.withdraw(attempts)).andThen(() => err(busy)));
    // The attempts stay, as the failure they are, under the account and the address.
    if (!user || !matches) return err(invalidCredentials());

    // Hashed before the transaction, so a slow hash never holds its writes open. A busy hasher
    // only puts the upgrade off to a later login.
    const upgradedHash = this.hasher.needsRehash(user.passwordHash) ? await this.hasher.hash(password).unwrapOr(null) : null;
    return this.transactions.run(() => okAsync(user).map(async () => {
      // The account starts again; the address keeps its earlier failures but is not charged for a
      // success, so colleagues behind one address who log in correctly never use up its room.
      await this.attempts.clear(account);
      await this.attempts.withdraw(attempts);
      if (upgradedHash) await this.users.updatePasswordHash(user.id, upgradedHash);
      return user;
    }));
  }

  // Tried after a failure, when the store may be failing too: its error then gives way to the
  // first one, which is what gets reported, and the attempts count until their window passes.
  private async withdrawIfPossible(attempts: readonly AttemptId[]): Promise<void> {
    try {
      await this.attempts.withdraw(attempts);
    } catch {
      // Given way to the first failure, which the caller rethrows.
    }
  }

  private async waitBefore(rooms: readonly ThrottledRoom[], now: Date): Promise<number> {
    let wait = 0;
    for (const { key, since, rule } of rooms) wait = Math.max(wait, waitBeforeNextTry(await this.attempts.failuresSince(key, since), rule, now));
    return wait;
  }

  private verifyDecoy(password: string): ResultAsync<false, ServiceBusy> {
    const decoyHash = this.decoyHash === undefined
      ? this.hasher.hash('decoy password that matches nothing').map((hash) => (this.decoyHash ??= hash))
      : okAsync(this.decoyHash);
    return decoyHash.andThen((hash) => this.hasher.verify(hash, password)).map(() => false as const);
  }
}

type ThrottledRoom = AttemptRoom & Readonly<{ rule: ThrottleRule }>;

const roomFor = (key: string, rule: ThrottleRule, now: Date): ThrottledRoom =>
  ({ key, since: new Date(now.getTime() - rule.windowMs), limit: rule.maxFailures, rule });
