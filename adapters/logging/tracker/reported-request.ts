// What the tracker is told about the request that failed: its method, its URL with the values of
// secret-looking query parameters replaced, and its headers without credentials. The body is never
// sent, nor are cookies.
import type { ReportedRequest } from '../error-reporter.js';

/** Credentials, and the CSRF token that a form sends as a header. */
const WITHHELD_HEADERS = new Set(['cookie', 'set-cookie', 'authorization', 'proxy-authorization', 'x-csrf-token']);

const SECRET_PARAMETER = /pass|pwd|secret|token|key|auth|session|code|sig/i;

export type TrackedRequest = Readonly<{ method: string | undefined; url: string | undefined; headers: Record<string, string> }>;

export function trackedRequest(request: ReportedRequest): TrackedRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || WITHHELD_HEADERS.has(name.toLowerCase())) continue;
    headers[name] = typeof value === 'string' ? value : value.join(', ');
  }
  return { method: request.method, url: request.url === undefined ? undefined : withoutSecretQueryValues(request.url, headers.host), headers };
}

function withoutSecretQueryValues(url: string, host: string | undefined): string {
  const parsed = URL.parse(url, `http://${host ?? 'localhost'}`);
  if (parsed === null) return '[unreadable URL]';
  for (const [name] of [...parsed.searchParams]) {
    if (SECRET_PARAMETER.test(name)) parsed.searchParams.set(name, '[redacted]');
  }
  return parsed.href;
}
