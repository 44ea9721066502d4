import { request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import * as assert from 'uvu/assert';

/** Writes `raw` to the server's port and reads everything until the server closes the connection. */
export function exchange(baseUrl: string, raw: string): Promise<string> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(raw));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
  });
}

/** A raw answer is an HTML page titled `title`, with the app's security headers. */
export function assertPageWithSecurityHeaders(answer: string, status: number, title: string): void {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  assert.match(head, new RegExp(`^HTTP/1.1 ${status} `));
  assert.match(head, /\r\ncontent-type: text\/html; charset=utf-8\r\n/i);
  assert.match(head, /\r\ncontent-security-policy: default-src 'self';[^\r]*frame-ancestors 'none'/i);
  assert.match(head, /\r\nx-content-type-options: nosniff\r\n/i);
  assert.match(head, /\r\nx-frame-options: SAMEORIGIN\r\n/i);
  assert.match(head, /\r\ncache-control: no-store\r\n/i);
  assert.match(body, `<h1>${title}</h1>`);
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
