import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { assertPageWithSecurityHeaders, assertProblemWithSecurityHeaders, exchange } from '../support/raw-http.js';
import { withApp } from '../support/test-app.js';

// Requests Node's HTTP parser refuses before the app sees them: the answer is still a page, or
// problem+json under /api, with the same security headers as the app's own.

const test = suite('unparsable requests');

test('when the request line is not HTTP, then a 400 page with the security headers', () => withApp({}, async (app) => {
  const answer = await exchange(app.baseUrl, 'GARBAGE \u0001\u0002 nonsense\r\n\r\n');
  assertPageWithSecurityHeaders(answer, 400, 'Bad Request');
}));

test('when the headers are larger than the server reads, then a 431 page with the security headers', () => withApp({}, async (app) => {
  const answer = await exchange(app.baseUrl, `GET / HTTP/1.1\r\nHost: localhost\r\nCookie: ${'a'.repeat(20_000)}\r\n\r\n`);
  assertPageWithSecurityHeaders(answer, 431, 'Headers Too Large');
  assert.ok(app.logs.lines().some((line) => line.includes('INFO: 431 for a request that could not be read')), app.logs.text());
}));

test('when a body ends before its Content-Length, then a 400 page', () => withApp({}, async (app) => {
  const answer = await exchange(app.baseUrl, 'POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nusername=su', true);
  assertPageWithSecurityHeaders(answer, 400, 'Bad Request');
}));

test('when a request under /api cannot be read, then problem+json as for any API error', () => withApp({}, async (app) => {
  const longPath = `/api/users/${'1'.repeat(20_000)}`;
  assertProblemWithSecurityHeaders(await exchange(app.baseUrl, `GET ${longPath}?page=2 HTTP/1.1\r\nHost: localhost\r\n\r\n`), 431, longPath);
  const tooLarge = `GET /api/users HTTP/1.1\r\nHost: localhost\r\nCookie: ${'a'.repeat(20_000)}\r\n\r\n`;
  assertProblemWithSecurityHeaders(await exchange(app.baseUrl, tooLarge), 431, '/api/users');
  const cutShort = 'POST /api/users HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"username": "su';
  assertProblemWithSecurityHeaders(await exchange(app.baseUrl, cutShort, true), 400, '/api/users');
}));

test.run();
