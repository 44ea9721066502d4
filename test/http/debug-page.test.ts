import { resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { request as httpRequest } from 'node:http';
import { createDebugPage } from '../../adapters/http/errors/debug-page.js';
import { stackLines } from '../../adapters/logging/stack-frames.js';
import { FaultyUserRepository } from '../support/faulty-user-repository.js';
import { withApp } from '../support/test-app.js';

test('when debug mode meets an unexpected error, then the page shows the TypeScript source and masks credentials', async () => {
  let users: FaultyUserRepository | undefined;
  await withApp({
    userRepository: (real) => (users = new FaultyUserRepository(real)),
    debug: debugMode(),
  }, async (app) => {
    const browser = app.browser();
    await browser.register('susan');
    await browser.logIn('susan');
    if (users) users.failing = 'findByUsername';
    const page = await browser.get('/user/susan', { Authorization: 'Bearer top-secret-token' });
    assert.is(page.status, 500);
    assert.match(page.text, 'Debug mode');
    assert.match(page.text, 'test/support/faulty-user-repository.ts:', 'frames name the TypeScript files');
    assert.match(page.text, 'class="line current"', 'the failing line is shown in its source');
    assert.match(page.text, 'GET /user/susan');
    assert.not.match(page.text, 'top-secret-token');
    assert.not.match(page.text, browser.cookies.values().next().value ?? 'no cookie');
    assert.match(page.text, '[masked]');
    assert.not.match(page.text, '<script', 'nothing on the page runs, and nothing it could send would be evaluated');
    assert.not.match(page.text, '<form');

    const json = await browser.get('/user/susan', { Accept: 'application/json' });
    assert.not.match(json.text, 'faulty-user-repository', 'JSON clients get problem details, never the stack');
  });
});

test('when not in debug mode, then the same failure shows only the generic page', async () => {
  let users: FaultyUserRepository | undefined;
  await withApp({ userRepository: (real) => (users = new FaultyUserRepository(real)) }, async (app) => {
    const browser = app.browser();
    await browser.register('susan');
    await browser.logIn('susan');
    if (users) users.failing = 'findByUsername';
    const page = await browser.get('/user/susan');
    assert.is(page.status, 500);
    assert.not.match(page.text, 'Debug mode');
    assert.not.match(page.text, 'faulty-user-repository');
  });
});

function debugMode(allowedHosts: readonly string[] = []) {
  return { page: createDebugPage({ projectRoot: resolve('.'), viewsDir: resolve('views'), stackLines }), allowedHosts };
}

/** GET with a Host header of our choosing, which fetch does not allow. */
function getWithHost(baseUrl: string, path: string, host: string): Promise<number> {
  const url = new URL(path, baseUrl);
  return new Promise((done, fail) => {
    const outgoing = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, headers: { Host: host } }, (response) => {
      response.resume();
      response.on('end', () => done(response.statusCode ?? 0));
    });
    outgoing.on('error', fail);
    outgoing.end();
  });
}

test('when debug mode gets a request for a host name it does not know, then it refuses it with a 400 (DNS rebinding)', async () => {
  await withApp({ debug: debugMode(['dev.internal']) }, async (app) => {
    const port = new URL(app.baseUrl).port;
    for (const host of ['evil.example', `evil.example:${port}`, 'localhost.evil.example', '127.0.0.1.nip.io']) {
      assert.is(await getWithHost(app.baseUrl, '/login', host), 400, `Host: ${host}`);
    }
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'LOCALHOST', 'localhost.', `dev.internal:${port}`]) {
      assert.is(await getWithHost(app.baseUrl, '/login', host), 200, `Host: ${host}`);
    }
    assert.match(app.logs.text(), 'INFO: 400 on /login [GET]', 'a refusal is a client error, logged at INFO');
  });
});

test('when not in debug mode, then any Host is answered as before (the allow-list is for the development server)', async () => {
  await withApp({}, async (app) => {
    assert.is(await getWithHost(app.baseUrl, '/login', 'www.example.com'), 200);
  });
});

test.run();
