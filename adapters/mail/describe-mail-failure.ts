// One line that says exactly why a mail was not sent: nodemailer's error code, message, the SMTP
// command it failed on and the server's reply. The mail configuration users struggle with most
// (issue 4) is fixed from this line, so nothing of it is summarized away.

type SmtpFailure = Error & { code?: unknown; command?: unknown; response?: unknown };

export function describeMailFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const failure: SmtpFailure = error;
  const parts = [typeof failure.code === 'string' ? `${failure.code}: ${failure.message}` : failure.message];
  if (typeof failure.command === 'string') parts.push(`(command: ${failure.command})`);
  if (typeof failure.response === 'string' && !failure.message.includes(failure.response)) parts.push(`(server replied: ${failure.response})`);
  return parts.join(' ');
}
