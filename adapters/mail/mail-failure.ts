// A mail that could not be sent, as the domain's value: the transport's own error code, message, the
// SMTP command it failed on and the server's reply, on one line. The mail configuration operators
// struggle with most is fixed from this line, so nothing of it is summarized away.
import { mailNotSent, type MailNotSent } from '../../domain/errors.js';
import type { Permanence } from '../../domain/jobs/job.js';

type TransportError = Error & { code: string; command?: unknown; response?: unknown; responseCode?: unknown };

// nodemailer's codes for a message or envelope it cannot build: the same message fails the same way every time.
const UNSENDABLE_MESSAGE_CODES = new Set(['EENVELOPE', 'EMESSAGE']);

/**
 * Turns what a transport rejected with into `MailNotSent`. Transport failures (nodemailer's and the
 * file system's) carry a string `code`; anything else is a bug and is thrown on, not hidden in a value.
 * `password` is cut out of the text, since a server's reply may echo what it was sent.
 */
export function mailFailure(error: unknown, password?: string): MailNotSent {
  if (!isTransportError(error)) throw error;
  const reason = describe(error);
  return mailNotSent(password ? reason.replaceAll(password, '[redacted]') : reason, permanenceOf(error));
}

/**
 * An SMTP reply says itself whether to try again (RFC 5321 section 4.2.1): 4xx is a transient
 * refusal (greylisting, a full queue), 5xx a permanent one (no such mailbox). Without a reply, the
 * connection, its TLS or its timeouts failed, or the disk of the file transport: all things that
 * mend, so worth another try, unless the message itself cannot be built.
 */
function permanenceOf(failure: TransportError): Permanence {
  const reply = typeof failure.responseCode === 'number' ? failure.responseCode : null;
  if (reply !== null && reply >= 400 && reply < 600) return reply >= 500 ? 'permanent' : 'transient';
  return UNSENDABLE_MESSAGE_CODES.has(failure.code) ? 'permanent' : 'transient';
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
