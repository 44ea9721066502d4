import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LOGIN_REQUIRED_MESSAGE } from '../../adapters/http/routes/login-required.js';
import { SESSION_COOKIE } from '../../adapters/http/middleware/session.js';
import { withApp } from '../support/test-app.js';

test('when a visitor is sent to the login form many times before a page shows, then the message shows once and the cookie stays small', async () => {
  await withApp({}, async (app) => {
    const browser = app.browser();
    await browser.get('/login');
    for (let i = 0; i < 200; i++) assert.is((await browser.get(`/user/someone-${i}`)).status, 302);
    assert.ok((browser.cookies.get(SESSION_COOKIE) ?? '').length < 1024, `cookie of ${browser.cookies.get(SESSION_COOKIE)?.length} characters`);
    const login = await browser.get('/login');
    assert.is(login.text.split(LOGIN_REQUIRED_MESSAGE).length - 1, 1);
  });
});

test.run();
