import type { EmailContent, PasswordResetEmails } from '../../domain/ports/password-reset-emails.js';
import type { ResetToken } from '../../domain/ports/password-reset-tokens.js';

/** Reset emails without templates, for domain tests: the same contract as the real ones, and it keeps each token it wrote. */
export class PlainResetEmails implements PasswordResetEmails {
  readonly tokens: ResetToken[] = [];

  constructor(private readonly baseUrl = 'https://microblog.test/') {}

  async compose(input: Readonly<{ username: string; token: ResetToken; validForMs: number }>): Promise<EmailContent> {
    this.tokens.push(input.token);
    const link = `${this.baseUrl}reset_password/${input.token}`;
    const minutes = Math.round(input.validForMs / 60_000);
    return {
      subject: '[Microblog] Reset Your Password',
      text: `Dear ${input.username},\n\n${link}\n\nThe link works once, within ${minutes} minutes.\n`,
      html: `<p>Dear ${input.username},</p><p><a href="${link}">${link}</a></p><p>The link works once, within ${minutes} minutes.</p>`,
    };
  }
}

/** The token of the reset link in an email's text. */
export function tokenInLink(text: string): string {
  const token = /\/reset_password\/([A-Za-z0-9_-]+)/.exec(text)?.[1];
  if (token === undefined) throw new Error(`no reset link in:\n${text}`);
  return token;
}
