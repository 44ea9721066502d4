import type { Attachment } from 'nodemailer/lib/mailer/index.js';
import type { MailMessage } from '../../domain/ports/mailer.js';

/**
 * A message's files as nodemailer takes them. Bytes go as a Buffer, which nodemailer sends in
 * base64 untouched; text goes as a string, which it encodes as UTF-8.
 */
export function attachmentsOf(message: MailMessage): Attachment[] | undefined {
  return message.attachments?.map((file) => ({
    filename: file.filename,
    contentType: file.contentType,
    content: typeof file.content === 'string' ? file.content : Buffer.from(file.content),
  }));
}
