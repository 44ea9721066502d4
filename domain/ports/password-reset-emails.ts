import type { ResetToken } from './password-reset-tokens.js';
import type { Language } from './translator.js';

export type EmailContent = Readonly<{ subject: string; text: string; html: string }>;

/**
 * Writes the email that carries a reset link. The adapter owns the wording and the site's address,
 * so the link points at this site whatever the request that asked for it said; it is written in
 * the language of the person it is for (null: the site's default).
 */
export interface PasswordResetEmails {
  compose(input: Readonly<{ username: string; token: ResetToken; validForMs: number; language: Language | null }>): Promise<EmailContent>;
}
