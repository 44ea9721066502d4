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
