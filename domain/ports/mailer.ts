import type { ResultAsync } from 'neverthrow';
import type { MailNotSent } from '../errors.js';

export type MailMessage = Readonly<{
  to: readonly string[];
  subject: string;
  text: string;
  /** An HTML alternative of `text`, for mail clients that show it. */
  html?: string;
  /** Files sent along, each arriving byte for byte as given. */
  attachments?: readonly MailAttachment[];
}>;

export type MailAttachment = Readonly<{
  filename: string;
  /** Its media type, such as `application/json`. */
  contentType: string;
  /** Text is sent as UTF-8. */
  content: string | Uint8Array;
}>;

/**
 * Sends email. Adapters decide how (SMTP, a folder of files, memory); callers decide when. A mail
 * server that refuses or cannot be reached is an outcome every caller must handle, so it comes back
 * as a value rather than an exception.
 */
export interface Mailer {
  /** Resolves once the message is accepted for delivery, or with the transport's reason for not taking it. */
  send(message: MailMessage): ResultAsync<void, MailNotSent>;
  close(): Promise<void>;
}
