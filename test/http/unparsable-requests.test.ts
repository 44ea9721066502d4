import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { assertPageWithSecurityHeaders, exchange } from '../support/raw-http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Requests Node's HTTP parser refuses before the app sees them: the answer is still a page, with
// the same security headers as the app's own.

const test = suite<{ app: TestApp }>('unparsable requests', {} as { app: TestApp });
test.before.each(async (context) => { context.app = await startTestApp(); });
test.after.each(async ({ app }) => { await app.close(); });

test('when the request line is not HTTP, then a 400 page with the security headers', async ({ app }) => {
  const answer = await exchange(app.baseUrl, 'GARBAGE \u0001\u0002 nonsense\r\n\r\n');
  assertPageWithSecurityHeaders(answer, 400, 'Bad Request');
});

test('when the headers are larger than the server reads, then a 431 page with the security headers', async ({ app }) => {
  const answer = await exchange(app.baseUrl, `GET / HTTP/1.1\r\nHost: localhost\r\nCookie: ${'a'.repeat(20_000)}\r\n\r\n`);
  assertPageWithSecurityHeaders(answer, 431, 'Headers Too Large');
  assert.ok(app.logs.lines().some((line) => line.includes('INFO: 431 for a request that could not be read')), app.logs.text());
});

test.run();
