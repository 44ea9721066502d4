import { connect } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Requests Node's HTTP parser refuses before the app sees them: the answer is still a page, with
// the same security headers as the app's own.

const test = suite<{ app: TestApp }>('unparsable requests', {} as { app: TestApp });
test.before.each(async (context) => { context.app = await startTestApp(); });
test.after.each(async ({ app }) => { await app.close(); });

/** Writes `raw` to the app's port and reads everything until the server closes the connection. */
function exchange(app: TestApp, raw: string): Promise<string> {
  const { hostname, port } = new URL(app.baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(raw));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
  });
}

function assertPageWithSecurityHeaders(answer: string, status: number, title: string): void {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  assert.match(head, new RegExp(`^HTTP/1.1 ${status} `));
  assert.match(head, /\r\ncontent-type: text\/html; charset=utf-8\r\n/i);
  assert.match(head, /\r\ncontent-security-policy: default-src 'self';[^\r]*frame-ancestors 'none'/i);
  assert.match(head, /\r\nx-content-type-options: nosniff\r\n/i);
  assert.match(head, /\r\nx-frame-options: SAMEORIGIN\r\n/i);
  assert.match(head, /\r\ncache-control: no-store\r\n/i);
  assert.match(body, `<h1>${title}</h1>`);
}

test('when the request line is not HTTP, then a 400 page with the security headers', async ({ app }) => {
  const answer = await exchange(app, 'GARBAGE \u0001\u0002 nonsense\r\n\r\n');
  assertPageWithSecurityHeaders(answer, 400, 'Bad Request');
});

test('when the headers are larger than the server reads, then a 431 page with the security headers', async ({ app }) => {
  const answer = await exchange(app, `GET / HTTP/1.1\r\nHost: localhost\r\nCookie: ${'a'.repeat(20_000)}\r\n\r\n`);
  assertPageWithSecurityHeaders(answer, 431, 'Headers Too Large');
  assert.ok(app.logs.lines().some((line) => line.includes('INFO: 431 for a request that could not be read')), app.logs.text());
});

test.run();
