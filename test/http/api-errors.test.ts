import { brotliCompressSync, gzipSync } from 'node:zlib';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { withApiApp, type ApiTestApp } from '../support/api-app.js';
import { FaultyUserRepository } from '../support/faulty-user-repository.js';

type World = ApiTestApp & { users: FaultyUserRepository; token: string };
const test = suite('API errors');

/** An app of its own for each test, its user repository ready to fail on demand, and Susan's token. */
function inWorld(work: (world: World) => Promise<void>): Promise<void> {
  let users: FaultyUserRepository | undefined;
  return withApiApp({ userRepository: (real) => (users = new FaultyUserRepository(real)) }, async ({ app, api }) => {
    const { token } = await api.signUp('susan');
    await work({ app, api, users: users as FaultyUserRepository, token });
  });
}

const HTML = { Accept: 'text/html' };

test('when an API address does not exist, then 404 problem+json even for a browser that asks for HTML', () => inWorld(async ({ api }) => {
  for (const path of ['/api', '/api/', '/api/nothing', '/api/users/1/nothing', '/api/problems']) {
    const missing = await api.get(path, { headers: HTML });
    assert.is(missing.status, 404, path);
    assert.is(missing.headers.get('content-type'), 'application/problem+json');
    assert.equal({ ...missing.json, detail: null }, { type: 'about:blank', title: 'Not Found', status: 404, detail: null, instance: path });
  }
}));

test('when outside /api, then pages are negotiated as before', () => inWorld(async ({ app }) => {
  const page = await app.browser().get('/apiary', HTML);
  assert.is(page.status, 404);
  assert.match(page.headers.get('content-type') ?? '', 'text/html');
}));

test('when an endpoint is used with a method it does not take, then 405 with Allow', () => inWorld(async ({ api, token }) => {
  const wrong = await api.send('PATCH', '/api/users/1', { token, headers: HTML });
  assert.is(wrong.status, 405);
  assert.is(wrong.headers.get('allow'), 'HEAD, GET, PUT');
  assert.is(wrong.json.type, 'about:blank');
  const unknownMethod = await api.send('PROPFIND', '/api/tokens', { token });
  assert.is(unknownMethod.status, 405);
  assert.is(unknownMethod.headers.get('allow'), 'POST, DELETE');
}));

test('when a body is malformed JSON, not an object, or not UTF-8, then 400; text no field takes is its field\'s 422', () => inWorld(async ({ api, token }) => {
  const bodies: [string | Buffer, Record<string, string>][] = [
    ['{"body": ', {}], ['[1, 2]', {}], ['"text"', {}], ['{"body": "a"} trailing', {}],
    [Buffer.from([0x7b, 0x22, 0x62, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]), {}],
    [Buffer.from('not gzip'), { 'Content-Encoding': 'gzip' }],
  ];
  for (const [body, headers] of bodies) {
    const refused = await api.post('/api/posts', { token, body, headers: { 'Content-Type': 'application/json', ...headers } });
    assert.is(refused.status, 400, String(body));
    assert.is(refused.headers.get('content-type'), 'application/problem+json');
  }
  for (const body of ['{"body": "nul \\u0000 inside"}', '{"body": "half \\ud83d pair"}', '{"body": "bell \\u0007"}']) {
    const refused = await api.post('/api/posts', { token, body, headers: { 'Content-Type': 'application/json' } });
    assert.is(refused.status, 422, body);
    assert.equal(refused.json.errors, [{ field: 'body', code: 'unsafe-text', message: 'This field holds characters that are not allowed.' }]);
  }
  const zipped = await api.post('/api/posts', { token, body: gzipSync('{"body": "zipped"}'), headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' } });
  assert.is(zipped.status, 201, 'a well-formed compressed body is fine');
}));

test('when a body is not JSON or in a coding the API does not read, then 415; when it is too large, then 413', () => inWorld(async ({ api, token }) => {
  for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
    const refused = await api.post('/api/posts', { token, body: 'body=hello', headers: { 'Content-Type': type } });
    assert.is(refused.status, 415, type);
  }
  for (const coding of ['zstd', 'gzip, br']) {
    const refused = await api.post('/api/posts', { token, body: '{"body": "hello"}', headers: { 'Content-Type': 'application/json', 'Content-Encoding': coding } });
    assert.is(refused.status, 415, coding);
    assert.is(refused.headers.get('accept-encoding'), 'gzip, deflate, br');
  }
  const squeezed = await api.post('/api/posts', { token, body: brotliCompressSync('{"body": "squeezed"}'), headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'BR' } });
  assert.is(squeezed.status, 201, 'a coding\'s name in capitals is the same coding');
  const large = await api.post('/api/posts', { token, json: { body: 'x'.repeat(100_000) } });
  assert.is(large.status, 413);
  assert.is(large.json.type, 'about:blank');
}));

test('when the app fails unexpectedly, then 500 problem+json whose reference is on the logged error', () => inWorld(async ({ app, api, users, token }) => {
  users.failing = 'findById';
  const failed = await api.get('/api/timeline', { token, headers: HTML });
  assert.is(failed.status, 500);
  assert.is(failed.headers.get('content-type'), 'application/problem+json');
  const reference = String(failed.json.reference);
  assert.match(reference, /^[0-9A-Z]{8,}$/);
  const logged = app.logs.lines().find((line) => line.includes(' ERROR: ') && line.includes(`errorId=${reference}`));
  assert.ok(logged, 'the same reference is on the error\'s log line');
  assert.match(logged ?? '', 'route=/api/timeline');
  assert.not.match(JSON.stringify(failed.json), /SQLITE|password_hash|DatabaseLost/);
}));

test('when the database cannot be reached, then 503 with Retry-After and a reference', () => inWorld(async ({ app, api, token }) => {
  await app.database.close();
  const unavailable = await api.get('/api/timeline', { token });
  assert.is(unavailable.status, 503);
  assert.is(unavailable.headers.get('retry-after'), '30');
  assert.match(String(unavailable.json.reference), /^[0-9A-Z]{8,}$/);
  assert.ok(app.logs.lines().some((line) => line.includes(`errorId=${String(unavailable.json.reference)}`)));
}));

test('when a client error happens, then it is logged as information, never as an error', () => inWorld(async ({ app, api }) => {
  await api.get('/api/users/1');
  await api.post('/api/users', { json: { username: '' } });
  assert.is(app.logs.lines().filter((line) => line.includes(' ERROR: ')).length, 0);
  assert.ok(app.logs.lines().some((line) => line.includes('401 on /api/users/1')));
}));

test.run();
