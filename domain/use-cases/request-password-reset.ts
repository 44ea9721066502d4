import { err, ok, safeTry, type Result, type ResultAsync } from 'neverthrow';
import { fieldsRejected, tooManyAttempts, type EmailInvalid, type FieldsRejected, type TooManyAttempts } from '../errors.js';
import { waitBeforeNextTry, type ThrottleRule } from '../login-throttle.js';
import { RESET_CLIENT_RULE, RESET_EMAIL_RULE, resetClientKey, resetEmailKey } from '../password-reset/password-reset.js';
import type { Clock } from '../ports/clock.js';
import type { Language } from '../ports/translator.js';
import type { Jobs } from '../ports/jobs.js';
import type { LoginAttemptLog } from '../ports/login-attempt-log.js';
import { parseEmail } from '../user-rules.js';
import { SEND_PASSWORD_RESET_EMAIL } from './send-password-reset-email.js';

export type RequestPasswordResetError = FieldsRejected<EmailInvalid> | TooManyAttempts;

/** `language`: the one the person asking reads, and so the email's. */
export type PasswordResetRequest = Readonly<{ email: string; clientAddress: string; language: Language }>;

export type RequestPasswordResetPorts = Readonly<{
  /** Where requests are counted, per address and per client, like failed logins. */
  requests: LoginAttemptLog;
  jobs: Jobs;
  clock: Clock;
}>;

/**
 * The address as it will be looked up, or why it cannot be one: answered at once, before anything
 * is counted or sent, and whether or not this site can send email.
 */
export function checkResetEmail(email: string): Result<string, FieldsRejected<EmailInvalid>> {
  return parseEmail(email).mapErr((invalid) => fieldsRejected([invalid]));
}

/**
 * "Forgot your password?": writes down that a reset email is owed to this address, and nothing
 * more. Whether an account has the address is found out by the job, after the answer, so the
 * answer's words and time are the same for every address; and the job is in the database before
 * the answer leaves, so a crash or a mail server saying "try later" delays the email, never loses it.
 */
export class RequestPasswordReset {
  constructor(private readonly ports: RequestPasswordResetPorts) {}

  check(email: string): Result<string, FieldsRejected<EmailInvalid>> {
    return checkResetEmail(email);
  }

  execute(input: PasswordResetRequest): ResultAsync<'queued', RequestPasswordResetError> {
    return safeTry(() => this.request(input));
  }

  private async *request(input: PasswordResetRequest) {
    const email = yield* this.check(input.email);
    const { requests, jobs, clock } = this.ports;
    const now = clock.now();
    const emailKey = resetEmailKey(email);
    const clientKey = resetClientKey(input.clientAddress);
    // Counted first and judged after, own request included: of a burst racing past a check, every
    // one would find room, while this way the limit holds however many arrive at once (a burst
    // beyond it is refused whole). Unknown addresses count too, so the limit reveals nothing.
    await requests.recordFailure([emailKey, clientKey], now);
    const wait = Math.max(await this.waitFor(emailKey, RESET_EMAIL_RULE, now), await this.waitFor(clientKey, RESET_CLIENT_RULE, now));
    if (wait > 0) return err(tooManyAttempts(wait));
    await jobs.enqueue({ kind: SEND_PASSWORD_RESET_EMAIL, payload: { email, language: input.language } });
    return ok('queued' as const);
  }

  /** 0 when the requests under `key`, the one being made included, are within `rule`; else how long until one more would be. */
  private async waitFor(key: string, rule: ThrottleRule, now: Date): Promise<number> {
    const requests = await this.ports.requests.failuresSince(key, new Date(now.getTime() - rule.windowMs));
    return requests.length > rule.maxFailures ? waitBeforeNextTry(requests, rule, now) : 0;
  }
}
