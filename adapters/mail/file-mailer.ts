// A Mailer for development: each message becomes an .eml file in a folder, the very bytes the SMTP
// adapter would send, which any mail client opens. Nothing leaves the machine.
import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { err, ok, type Result } from 'neverthrow';
import nodemailer from 'nodemailer';
import type { MailNotSent } from '../../domain/errors.js';
import type { Mailer, MailMessage } from '../../domain/ports/mailer.js';
import { attachmentsOf } from './attachments.js';
import { mailFailure } from './mail-failure.js';

export type FileMailerOptions = Readonly<{ directory: string; from: string }>;

export class FileMailer implements Mailer {
  readonly #composer = nodemailer.createTransport({ streamTransport: true, buffer: true });
  // File names sort in sending order even within one millisecond.
  #sequence = 0;

  constructor(private readonly options: FileMailerOptions) {}

  async send(message: MailMessage): Promise<Result<void, MailNotSent>> {
    const composed = await this.#composer.sendMail({ from: this.options.from, to: [...message.to], subject: message.subject, text: message.text, html: message.html, attachments: attachmentsOf(message) });
    this.#sequence += 1;
    const name = `${new Date().toISOString().replaceAll(':', '-')}-${String(this.#sequence).padStart(6, '0')}-${randomUUID().slice(0, 8)}.eml`;
    const target = path.join(this.options.directory, name);
    try {
      await mkdir(this.options.directory, { recursive: true });
      // Written aside then renamed, so a watcher of the folder never opens half a message.
      await writeFile(`${target}.partial`, composed.message as Buffer);
      await rename(`${target}.partial`, target);
      return ok(undefined);
    } catch (error) {
      // A full disk or a folder that cannot be written is this transport's refused delivery.
      return err(mailFailure(error));
    }
  }

  async close(): Promise<void> {
    this.#composer.close();
  }
}
