import type { EmailContent } from './password-reset-emails.js';
import type { Language } from './translator.js';

/** Writes the email that carries a user's exported posts, in their language; the adapter owns the wording. */
export interface ExportEmails {
  compose(input: Readonly<{ username: string; language: Language | null }>): Promise<EmailContent>;
}
