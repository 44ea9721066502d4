import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser } from '../support/browser.js';
import { withApp, type TestApp } from '../support/test-app.js';

type World = { app: TestApp; browser: Browser; token: string };
const test = suite('bad input');

/** An app of its own for each test, and a browser holding the registration form's CSRF token. */
function inWorld(work: (world: World) => Promise<void>): Promise<void> {
  return withApp({}, async (app) => {
    const browser = app.browser();
    await browser.get('/register');
    await work({ app, browser, token: browser.lastToken ?? '' });
  });
}

const FORM = 'application/x-www-form-urlencoded';

function raw(browser: Browser, body: RequestInit['body'], headers: Record<string, string>, path = '/register') {
  return browser.send(path, { method: 'POST', headers, body });
}

test('when a body is larger than a form can be, then 413 with its page', () => inWorld(async ({ browser, token }) => {
  const page = await raw(browser, `csrf_token=${token}&about_me=${'x'.repeat(20_000)}`, { 'Content-Type': FORM });
  assert.is(page.status, 413);
  assert.match(page.text, 'Request Too Large');
}));

test('when a body is of a type forms never use, then 415', () => inWorld(async ({ browser }) => {
  for (const type of ['text/plain', 'multipart/form-data; boundary=x', 'application/xml', 'application/octet-stream']) {
    const page = await raw(browser, 'username=a', { 'Content-Type': type });
    assert.is(page.status, 415, type);
    assert.match(page.text, 'Unsupported Format');
  }
}));

test('when JSON is malformed, then 400', () => inWorld(async ({ browser }) => {
  const page = await raw(browser, '{"username": ', { 'Content-Type': 'application/json', Accept: 'application/json' });
  assert.is(page.status, 400);
  assert.is((JSON.parse(page.text) as { status: number }).status, 400);
}));

test('when a compressed body is broken, then 400, and a coding the site does not read 415 with the codings it does', () => inWorld(async ({ browser }) => {
  for (const coding of ['gzip', 'br']) {
    const broken = await raw(browser, Buffer.from('definitely not compressed'), { 'Content-Type': FORM, 'Content-Encoding': coding });
    assert.is(broken.status, 400, coding);
  }
  for (const coding of ['zstd', 'compress', 'gzip, br', 'zstd-ish']) {
    const unknown = await raw(browser, Buffer.from('username=a'), { 'Content-Type': FORM, 'Content-Encoding': coding });
    assert.is(unknown.status, 415, coding);
    assert.is(unknown.headers.get('accept-encoding'), 'gzip, deflate, br', coding);
    assert.match(unknown.text, 'Unsupported Format');
  }
}));

test('when a compressed body is valid, under any name of its coding, then the form is read as usual', () => inWorld(async ({ browser, token }) => {
  const form = `csrf_token=${token}&username=&email=&password=&password2=`;
  const bodies: [Buffer, string][] = [
    [gzipSync(form), 'gzip'], [gzipSync(form), 'GZIP'], [gzipSync(form), 'x-gzip'], [deflateSync(form), 'Deflate'],
    [brotliCompressSync(form), 'br'], [brotliCompressSync(form), 'BR'],
  ];
  for (const [body, coding] of bodies) {
    const page = await raw(browser, body, { 'Content-Type': FORM, 'Content-Encoding': coding });
    assert.is(page.status, 422, coding);
    assert.match(page.text, 'This field is required.');
  }
}));

test('when a body is not valid UTF-8 or not validly percent-encoded, then 400', () => inWorld(async ({ browser, token }) => {
  const invalidBytes = Buffer.concat([Buffer.from(`csrf_token=${token}&username=`), Buffer.from([0xff, 0xfe, 0xc3])]);
  assert.is((await raw(browser, invalidBytes, { 'Content-Type': FORM })).status, 400);
  assert.is((await raw(browser, `csrf_token=${token}&username=%FF%FE`, { 'Content-Type': FORM })).status, 400);
  assert.is((await raw(browser, `csrf_token=${token}&username=%E0%A4%A`, { 'Content-Type': FORM })).status, 400);
}));

test('when a POST has no body at all, then the form answers with its messages', () => inWorld(async ({ browser, token }) => {
  const page = await raw(browser, '', { 'X-CSRF-Token': token });
  assert.is(page.status, 422);
  assert.is(page.text.split('This field is required.').length - 1, 4);
}));

test('when JSON sends a field as a number, a list or an object, then it is a form error', () => inWorld(async ({ browser, token }) => {
  const body = JSON.stringify({ csrf_token: token, username: 42, email: ['a@example.com'], password: { $gt: '' }, password2: null });
  const page = await raw(browser, body, { 'Content-Type': 'application/json' });
  assert.is(page.status, 422);
  assert.ok(page.text.split('Invalid value.').length - 1 >= 3);
}));

test('when a client disconnects mid-body, then nothing is logged as an error and the server keeps serving', () => inWorld(async ({ app }) => {
  const { connect } = await import('node:net');
  const url = new URL(app.baseUrl);
  await new Promise<void>((done) => {
    const socket = connect(Number(url.port), url.hostname, () => {
      socket.write(`POST /register HTTP/1.1\r\nHost: x\r\nContent-Type: ${FORM}\r\nContent-Length: 5000\r\n\r\nusername=half`);
      setTimeout(() => { socket.destroy(); done(); }, 50);
    });
  });
  await new Promise((settle) => setTimeout(settle, 100));
  assert.is(app.logs.lines().filter((line) => line.includes(' ERROR: ')).length, 0);
  assert.is((await app.browser().get('/login')).status, 200);
}));

test.run();
