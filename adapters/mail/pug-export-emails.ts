// The tutorial's export email, written from two pug templates (text and HTML) beside the reset
// email's; the posts themselves travel as its attachment.
import { join } from 'node:path';
import pug from 'pug';
import type { ExportEmails } from '../../domain/ports/export-emails.js';
import type { EmailContent } from '../../domain/ports/password-reset-emails.js';

export const EXPORT_EMAIL_SUBJECT = '[Microblog] Your blog posts';

export class PugExportEmails implements ExportEmails {
  readonly #text: pug.compileTemplate;
  readonly #html: pug.compileTemplate;

  constructor(viewsDir: string) {
    // Compiled once, at start: a template error stops the start instead of an export.
    this.#text = pug.compileFile(join(viewsDir, 'email', 'export_posts.txt.pug'));
    this.#html = pug.compileFile(join(viewsDir, 'email', 'export_posts.html.pug'));
  }

  async compose(input: Readonly<{ username: string }>): Promise<EmailContent> {
    return { subject: EXPORT_EMAIL_SUBJECT, text: this.#text(input), html: this.#html(input) };
  }
}
