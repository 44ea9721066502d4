import { err, ok, type Result } from 'neverthrow';
import {
  fieldsRejected, tooManyAttempts, type EmailInvalid, type FieldsRejected, type MailNotSent, type TooManyAttempts,
} from '../errors.js';
import { waitBeforeNextTry, type ThrottleRule } from '../login-throttle.js';
import {
  DEFAULT_RESET_LINK_LIFETIME_MS, RESET_CLIENT_RULE, RESET_EMAIL_RULE, resetClientKey, resetEmailKey,
} from '../password-reset/password-reset.js';
import type { Clock } from '../ports/clock.js';
import type { LoginAttemptLog } from '../ports/login-attempt-log.js';
import type { Mailer } from '../ports/mailer.js';
import type { PasswordResetEmails } from '../ports/password-reset-emails.js';
import type { PasswordResetTokens } from '../ports/password-reset-tokens.js';
import type { UserRepository } from '../ports/user-repository.js';
import { parseEmail } from '../user-rules.js';

export type RequestPasswordResetError = FieldsRejected<EmailInvalid> | TooManyAttempts | MailNotSent;

/** `no-account`: nobody has that address, so nothing was sent (the person asking must not learn it). */
export type ResetRequested = 'emailed' | 'no-account';

export type PasswordResetRequest = Readonly<{ email: string; clientAddress: string }>;

export type RequestPasswordResetPorts = Readonly<{
  users: UserRepository;
  tokens: PasswordResetTokens;
  /** Where requests are counted, per address and per client, like failed logins. */
  requests: LoginAttemptLog;
  emails: PasswordResetEmails;
  mailer: Mailer;
  clock: Clock;
}>;

/**
 * The address as it will be looked up, or why it cannot be one: answered at once, before anything
 * is counted or sent, and whether or not this site can send email.
 */
export function checkResetEmail(email: string): Result<string, FieldsRejected<EmailInvalid>> {
  return parseEmail(email).mapErr((invalid) => fieldsRejected([invalid]));
}

/** "Forgot your password?": emails a single-use link that sets a new password, valid for a short while. */
export class RequestPasswordReset {
  constructor(
    private readonly ports: RequestPasswordResetPorts,
    private readonly linkLifetimeMs: number = DEFAULT_RESET_LINK_LIFETIME_MS,
  ) {}

  check(email: string): Result<string, FieldsRejected<EmailInvalid>> {
    return checkResetEmail(email);
  }

  async execute(input: PasswordResetRequest): Promise<Result<ResetRequested, RequestPasswordResetError>> {
    const email = this.check(input.email);
    if (email.isErr()) return err(email.error);
    const { users, tokens, requests, clock } = this.ports;
    const now = clock.now();
    const emailKey = resetEmailKey(email.value);
    const clientKey = resetClientKey(input.clientAddress);
    // Counted first and judged after, own request included: of a burst racing past a check, every
    // one would find room, while this way the limit holds however many arrive at once (a burst
    // beyond it is refused whole). Unknown addresses count too, so the limit reveals nothing.
    await requests.recordFailure([emailKey, clientKey], now);
    const wait = Math.max(await this.waitFor(emailKey, RESET_EMAIL_RULE, now), await this.waitFor(clientKey, RESET_CLIENT_RULE, now));
    if (wait > 0) return err(tooManyAttempts(wait));

    const user = await users.findByEmail(email.value);
    if (!user) return ok('no-account');
    await tokens.deleteExpired(now);
    const token = await tokens.issue({ userId: user.id, expiresAt: new Date(now.getTime() + this.linkLifetimeMs) });
    const content = await this.ports.emails.compose({ username: user.username, token, validForMs: this.linkLifetimeMs });
    const sent = await this.ports.mailer.send({ to: [user.email], ...content });
    if (sent.isErr()) {
      // A link nobody received is only a liability.
      await tokens.take(token);
      return err(sent.error);
    }
    return ok('emailed');
  }

  /** 0 when the requests under `key`, the one being made included, are within `rule`; else how long until one more would be. */
  private async waitFor(key: string, rule: ThrottleRule, now: Date): Promise<number> {
    const requests = await this.ports.requests.failuresSince(key, new Date(now.getTime() - rule.windowMs));
    return requests.length > rule.maxFailures ? waitBeforeNextTry(requests, rule, now) : 0;
  }
}
