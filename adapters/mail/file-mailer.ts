// A Mailer for development: each message becomes an .eml file in a folder, the very bytes the SMTP
// adapter would send, which any mail client opens. Nothing leaves the machine.
import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ResultAsync } from 'neverthrow';
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

  send(message: MailMessage): ResultAsync<void, MailNotSent> {
    const composed = this.#composer.sendMail({ from: this.options.from, to: [...message.to], subject: message.subject, text: message.text, html: message.html, attachments: attachmentsOf(message) });
    // A full disk or a folder that cannot be written is this transport's refused delivery.
    return ResultAsync.fromSafePromise(composed).andThen(({ message }) => ResultAsync.fromPromise(this.#write(message as Buffer), (error) => mailFailure(error)));
  }

  async #write(message: Buffer): Promise<void> {
    this.#sequence += 1;
    const name = `${new Date().toISOString().replaceAll(':', '-')}-${String(this.#sequence).padStart(6, '0')}-${randomUUID().slice(0, 8)}.eml`;
    const target = path.join(this.options.directory, name);
    await mkdir(this.options.directory, { recursive: true });
    // Written aside then renamed, so a watcher of the folder never opens half a message.
    await writeFile(`${target}.partial`, message);
    await rename(`${target}.partial`, target);
  }

  async close(): Promise<void> {
    this.#composer.close();
  }
}
