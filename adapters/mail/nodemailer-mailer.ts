// The Mailer port over SMTP with nodemailer. Its default timeouts are minutes; ours are seconds, so
// a dead or silent mail server is noticed quickly by every sender: the alert queue, the password
// reset and the `alerts:test` command alike.
import { ResultAsync } from 'neverthrow';
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { MailNotSent } from '../../domain/errors.js';
import type { Mailer, MailMessage } from '../../domain/ports/mailer.js';
import { attachmentsOf } from './attachments.js';
import { mailFailure } from './mail-failure.js';

export type SmtpTimeouts = Readonly<{
  /** To establish the TCP (or TLS) connection. */
  connectionMs: number;
  /** To receive the server's greeting once connected. */
  greetingMs: number;
  /** Of inactivity during the session. */
  socketMs: number;
}>;

export type SmtpMailerOptions = Readonly<{
  host: string;
  port: number;
  /** STARTTLS, required (MAIL_USE_TLS). Port 465 always means implicit TLS instead. */
  useTls: boolean;
  username?: string;
  password?: string;
  /** The sender address. */
  from: string;
  timeouts?: Partial<SmtpTimeouts>;
}>;

export const DEFAULT_SMTP_TIMEOUTS: SmtpTimeouts = { connectionMs: 5_000, greetingMs: 5_000, socketMs: 10_000 };

const IMPLICIT_TLS_PORT = 465;

export class NodemailerMailer implements Mailer {
  readonly #transport: Transporter;

  constructor(private readonly options: SmtpMailerOptions) {
    const timeouts = { ...DEFAULT_SMTP_TIMEOUTS, ...options.timeouts };
    const implicitTls = options.port === IMPLICIT_TLS_PORT;
    this.#transport = nodemailer.createTransport({
      host: options.host,
      port: options.port,
      secure: implicitTls,
      requireTLS: options.useTls && !implicitTls,
      // Without MAIL_USE_TLS the session stays plain, as in the original: nodemailer would otherwise
      // try STARTTLS whenever offered and fail outright on a relay's self-signed certificate.
      ignoreTLS: !options.useTls && !implicitTls,
      // Credentials only when configured: sending AUTH to a relay that offers none fails the mail.
      auth: options.username ? { user: options.username, pass: options.password ?? '' } : undefined,
      connectionTimeout: timeouts.connectionMs,
      greetingTimeout: timeouts.greetingMs,
      socketTimeout: timeouts.socketMs,
    });
  }

  send(message: MailMessage): ResultAsync<void, MailNotSent> {
    return ResultAsync.fromPromise(
      this.#transport.sendMail({ from: this.options.from, to: [...message.to], subject: message.subject, text: message.text, html: message.html, attachments: attachmentsOf(message) }),
      (error) => mailFailure(error, this.options.password),
    ).map(() => undefined);
  }

  async close(): Promise<void> {
    this.#transport.close();
  }
}
