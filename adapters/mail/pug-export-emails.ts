// The tutorial's export email, written from two pug templates (text and HTML) beside the reset
// email's; the posts themselves travel as its attachment.
import { join } from 'node:path';
import pug from 'pug';
import type { ExportEmails } from '../../domain/ports/export-emails.js';
import type { EmailContent } from '../../domain/ports/password-reset-emails.js';
import type { Language, Translator } from '../../domain/ports/translator.js';
import { wordsIn } from './words-in.js';

export const EXPORT_EMAIL_SUBJECT = '[Microblog] Your blog posts';

export class PugExportEmails implements ExportEmails {
  readonly #text: pug.compileTemplate;
  readonly #html: pug.compileTemplate;

  constructor(viewsDir: string, private readonly translator: Translator) {
    // Compiled once, at start: a template error stops the start instead of an export.
    this.#text = pug.compileFile(join(viewsDir, 'email', 'export_posts.txt.pug'));
    this.#html = pug.compileFile(join(viewsDir, 'email', 'export_posts.html.pug'));
  }

  async compose(input: Readonly<{ username: string; language: Language | null }>): Promise<EmailContent> {
    const t = wordsIn(this.translator, input.language);
    const locals = { ...input, language: input.language ?? this.translator.languages[0], t };
    return { subject: t(EXPORT_EMAIL_SUBJECT), text: this.#text(locals), html: this.#html(locals) };
  }
}
