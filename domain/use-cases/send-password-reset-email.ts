import { err, ok, ResultAsync, safeTry } from 'neverthrow';
import { jobFailure, recipientLanguage, type ClaimedJob, type JobFailure } from '../jobs/job.js';
import { DEFAULT_RESET_LINK_LIFETIME_MS } from '../password-reset/password-reset.js';
import type { Clock } from '../ports/clock.js';
import type { Mailer } from '../ports/mailer.js';
import type { PasswordResetEmails } from '../ports/password-reset-emails.js';
import type { PasswordResetTokens } from '../ports/password-reset-tokens.js';
import type { UserRepository } from '../ports/user-repository.js';

/** The kind of job `RequestPasswordReset` leaves for this use case. */
export const SEND_PASSWORD_RESET_EMAIL = 'send-password-reset-email';

/** `no-account`: nobody has that address, so nothing was sent (the person asking never learns it). */
export type ResetEmailOutcome = 'emailed' | 'no-account';

export type SendPasswordResetEmailPorts = Readonly<{
  users: UserRepository;
  tokens: PasswordResetTokens;
  emails: PasswordResetEmails;
  mailer: Mailer;
  clock: Clock;
}>;

/**
 * The job behind "Forgot your password?": looks the address up and emails a single-use link,
 * valid for a short while from the moment it is written, so a link sent after a retry is as
 * fresh as one sent at once.
 */
export class SendPasswordResetEmail {
  constructor(
    private readonly ports: SendPasswordResetEmailPorts,
    private readonly linkLifetimeMs: number = DEFAULT_RESET_LINK_LIFETIME_MS,
  ) {}

  execute(job: Pick<ClaimedJob, 'payload'>): ResultAsync<ResetEmailOutcome, JobFailure> {
    return safeTry(() => this.send(job));
  }

  private async *send(job: Pick<ClaimedJob, 'payload'>) {
    const email = job.payload['email'];
    if (typeof email !== 'string') return err(jobFailure('permanent', 'the job names no email address'));
    const { users, tokens, clock } = this.ports;
    const user = await users.findByEmail(email);
    if (!user) return ok<ResetEmailOutcome>('no-account');
    const now = clock.now();
    await tokens.deleteExpired(now);
    const token = await tokens.issue({ userId: user.id, expiresAt: new Date(now.getTime() + this.linkLifetimeMs) });
    const content = await this.ports.emails.compose({ username: user.username, token, validForMs: this.linkLifetimeMs, language: recipientLanguage(user, job) });
    yield* this.ports.mailer.send({ to: [user.email], ...content })
      // A link nobody received is only a liability; a retry writes a fresh one.
      .orElse(({ permanence, reason }) => ResultAsync.fromSafePromise(tokens.take(token)).andThen(() => err(jobFailure(permanence, reason))));
    return ok<ResetEmailOutcome>('emailed');
  }
}
