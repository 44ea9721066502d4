import { request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import * as assert from 'uvu/assert';

/**
 * Writes `raw` to the server's port and reads everything until the server closes the connection;
 * with `thenEnd`, says after writing that nothing more will come, as a client that gave up does.
 */
export function exchange(baseUrl: string, raw: string, thenEnd = false): Promise<string> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => (thenEnd ? socket.end(raw) : socket.write(raw)));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
  });
}

/** A raw answer is an HTML page titled `title`, with the app's security headers. */
export function assertPageWithSecurityHeaders(answer: string, status: number, title: string): void {
  const body = assertSecurityHeaders(answer, status, 'text/html; charset=utf-8');
  assert.match(body, `<h1>${title}</h1>`);
}

/** A raw answer is problem+json for `status` at `instance`, with the app's security headers. */
export function assertProblemWithSecurityHeaders(answer: string, status: number, instance: string): void {
  const problem = JSON.parse(assertSecurityHeaders(answer, status, 'application/problem+json')) as Record<string, unknown>;
  assert.is(problem.status, status);
  assert.is(problem.type, 'about:blank');
  assert.is(problem.instance, instance);
}

function assertSecurityHeaders(answer: string, status: number, type: string): string {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  assert.match(head, new RegExp(`^HTTP/1.1 ${status} `));
  assert.ok(head.toLowerCase().includes(`\r\ncontent-type: ${type}\r\n`), head);
  assert.match(head, /\r\ncontent-security-policy: default-src 'self';[^\r]*frame-ancestors 'none'/i);
  assert.match(head, /\r\nx-content-type-options: nosniff\r\n/i);
  assert.match(head, /\r\nx-frame-options: SAMEORIGIN\r\n/i);
  assert.match(head, /\r\ncache-control: no-store\r\n/i);
  return body;
}

export type RawAnswer = Readonly<{ status: number; headers: IncomingHttpHeaders; text: string }>;

/** One request through node:http, which sends any method: fetch refuses TRACE and CONNECT. */
export function sendRaw(baseUrl: string, method: string, path: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const sent = request(new URL(path, baseUrl), { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString() }));
    });
    sent.on('error', reject);
    sent.end();
  });
}
