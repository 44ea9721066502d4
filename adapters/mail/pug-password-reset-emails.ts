// The reset email of the original tutorial, written from two pug templates (text and HTML). The
// link starts from the configured address of the site (BASE_URL), never from anything a request
// said: a forged Host header must not turn the email into a link to someone else's site.
import { join } from 'node:path';
import pug from 'pug';
import { wordsIn } from './words-in.js';
import type { EmailContent, PasswordResetEmails } from '../../domain/ports/password-reset-emails.js';
import type { ResetToken } from '../../domain/ports/password-reset-tokens.js';
import type { Language, Translator } from '../../domain/ports/translator.js';

export type PugPasswordResetEmailsOptions = Readonly<{
  viewsDir: string;
  /** The site's public address, such as `https://microblog.example/`; a path prefix is kept. */
  baseUrl: string;
  translator: Translator;
}>;

export const RESET_EMAIL_SUBJECT = '[Microblog] Reset Your Password';

export class PugPasswordResetEmails implements PasswordResetEmails {
  readonly #text: pug.compileTemplate;
  readonly #html: pug.compileTemplate;
  readonly #base: URL;
  readonly #translator: Translator;

  constructor(options: PugPasswordResetEmailsOptions) {
    // Compiled once, at start: a template error stops the start instead of a reset request.
    this.#text = pug.compileFile(join(options.viewsDir, 'email', 'reset_password.txt.pug'));
    this.#html = pug.compileFile(join(options.viewsDir, 'email', 'reset_password.html.pug'));
    this.#base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    this.#translator = options.translator;
  }

  async compose(input: Readonly<{ username: string; token: ResetToken; validForMs: number; language: Language | null }>): Promise<EmailContent> {
    const t = wordsIn(this.#translator, input.language);
    const locals = {
      language: input.language ?? this.#translator.languages[0],
      t,
      username: input.username,
      link: new URL(`reset_password/${encodeURIComponent(input.token)}`, this.#base).href,
      validForMinutes: Math.round(input.validForMs / 60_000),
    };
    return { subject: t(RESET_EMAIL_SUBJECT), text: this.#text(locals), html: this.#html(locals) };
  }
}
