import { resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createDebugPage } from '../../adapters/http/errors/debug-page.js';
import { FaultyUserRepository } from '../support/faulty-user-repository.js';
import { startTestApp } from '../support/test-app.js';

test('when debug mode meets an unexpected error, then the page shows the TypeScript source and masks credentials', async () => {
  let users: FaultyUserRepository | undefined;
  const app = await startTestApp({
    userRepository: (real) => (users = new FaultyUserRepository(real)),
    debugPage: createDebugPage({ projectRoot: resolve('.'), viewsDir: resolve('views') }),
  });
  try {
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
  } finally {
    await app.close();
  }
});

test('when not in debug mode, then the same failure shows only the generic page', async () => {
  let users: FaultyUserRepository | undefined;
  const app = await startTestApp({ userRepository: (real) => (users = new FaultyUserRepository(real)) });
  try {
    const browser = app.browser();
    await browser.register('susan');
    await browser.logIn('susan');
    if (users) users.failing = 'findByUsername';
    const page = await browser.get('/user/susan');
    assert.is(page.status, 500);
    assert.not.match(page.text, 'Debug mode');
    assert.not.match(page.text, 'faulty-user-repository');
  } finally {
    await app.close();
  }
});

test.run();
