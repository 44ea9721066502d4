// A mail that could not be sent, as the domain's value: the transport's own error code, message, the
// SMTP command it failed on and the server's reply, on one line. The mail configuration operators
// struggle with most is fixed from this line, so nothing of it is summarized away.
import { mailNotSent, type MailNotSent } from '../../domain/errors.js';

type TransportError = Error & { code: string; command?: unknown; response?: unknown };

/**
 * Turns what a transport rejected with into `MailNotSent`. Transport failures (nodemailer's and the
 * file system's) carry a string `code`; anything else is a bug and is thrown on, not hidden in a value.
 * `password` is cut out of the text, since a server's reply may echo what it was sent.
 */
export function mailFailure(error: unknown, password?: string): MailNotSent {
  if (!isTransportError(error)) throw error;
  const reason = describe(error);
  return mailNotSent(password ? reason.replaceAll(password, '[redacted]') : reason);
}

function isTransportError(error: unknown): error is TransportError {
  return error instanceof Error && typeof (error as Partial<TransportError>).code === 'string';
}

function describe(failure: TransportError): string {
  const parts = [failure.message.startsWith(failure.code) ? failure.message : `${failure.code}: ${failure.message}`];
  if (typeof failure.command === 'string') parts.push(`(command: ${failure.command})`);
  if (typeof failure.response === 'string' && !failure.message.includes(failure.response)) parts.push(`(server replied: ${failure.response})`);
  return parts.join(' ').replace(/[\r\n]+/g, ' ');
}
