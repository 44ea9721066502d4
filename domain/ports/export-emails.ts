import type { EmailContent } from './password-reset-emails.js';

/** Writes the email that carries a user's exported posts; the adapter owns the wording. */
export interface ExportEmails {
  compose(input: Readonly<{ username: string }>): Promise<EmailContent>;
}
