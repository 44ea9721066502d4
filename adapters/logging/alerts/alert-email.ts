// The alert emails: the subject of the Flask original ("Microblog Failure") plus the error's class
// name, never user input; a body with what an administrator needs to find the failure.
import type { MailMessage } from '../../../domain/ports/mailer.js';
import type { Alert } from './alert.js';
import type { Digest } from './alert-groups.js';

export type AlertAddressing = Readonly<{ to: readonly string[]; subject: string }>;

export function alertEmail(alert: Alert, addressing: AlertAddressing): MailMessage {
  return {
    to: addressing.to,
    subject: `${addressing.subject}: ${alert.title}`,
    text: `An unexpected error occurred.\n\n${describe(alert)}`,
  };
}

export function digestEmail(digest: Digest, addressing: AlertAddressing): MailMessage {
  const times = digest.repeats === 1 ? 'once more' : `${digest.repeats} more times`;
  const references = digest.recentReferenceIds.length === 0 ? '' : `Latest reference ids: ${digest.recentReferenceIds.join(', ')}\n`;
  return {
    to: addressing.to,
    subject: `${addressing.subject}: ${digest.first.title} (${times})`,
    text:
      `The failure below happened ${times} since ${digest.since.toISOString()} ` +
      `(last at ${digest.lastAt.toISOString()}).\n${references}\nIts first occurrence:\n\n${describe(digest.first)}`,
  };
}

function describe(alert: Alert): string {
  const request = alert.method === undefined && alert.path === undefined ? '-' : `${alert.method ?? ''} ${alert.path ?? ''}`.trim();
  return [
    `Reference id: ${alert.referenceId ?? '-'}`,
    `Time:         ${alert.time.toISOString()}`,
    `Request:      ${request}`,
    `User id:      ${alert.userId ?? '-'}`,
    `Request id:   ${alert.requestId ?? '-'}`,
    `Message:      ${alert.message}`,
    `Fingerprint:  ${alert.fingerprint}`,
    '',
    alert.details,
    '',
  ].join('\n');
}
