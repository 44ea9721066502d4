import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { withApp } from '../support/test-app.js';

test('when a load balancer asks, then /healthz and /readyz answer without a session or a log line', async () => {
  await withApp({}, async (app) => {
    const browser = app.browser();
    const live = await browser.get('/healthz');
    assert.is(live.status, 200);
    assert.equal(JSON.parse(live.text), { status: 'ok' });
    const ready = await browser.get('/readyz');
    assert.is(ready.status, 200);
    assert.equal(JSON.parse(ready.text), { status: 'ready' });
    assert.equal([...live.setCookies, ...ready.setCookies], []);
    assert.equal(app.logs.lines().filter((line) => line.includes('z [GET]') || line.includes('path=/healthz') || line.includes('path=/readyz')), []);
  });
});

test('when the database cannot be reached, then /readyz says 503 while /healthz stays 200', async () => {
  await withApp({}, async (app) => {
    await app.database.close();
    const ready = await app.browser().get('/readyz');
    assert.is(ready.status, 503);
    assert.equal(JSON.parse(ready.text), { status: 'database unreachable' });
    assert.is((await app.browser().get('/healthz')).status, 200);
  });
});

test.run();
