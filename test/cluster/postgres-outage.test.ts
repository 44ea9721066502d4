import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Browser } from '../support/browser.js';
import { startClusterApp } from '../support/cluster-app.js';
import { postgresBinaries, startPostgresServer } from '../support/postgres-server.js';
import { startSmtpTestServer } from '../support/smtp-test-server.js';
import { createPostgresDatabase } from '../support/test-database.js';

// PostgreSQL stopped under load, then started again: the app (2 workers) answers with its custom
// 500 meanwhile, reports the outage to the admins without one email per request, and serves again
// by itself once the server is back, with no restart.

const installed = postgresBinaries() !== null;
if (!installed) {
  if (process.env.CI) throw new Error('PostgreSQL is not installed; .ci/run must install it');
  console.log('  (skipped: PostgreSQL is not installed — apt-get install postgresql)');
}

const sleep = (ms: number) => new Promise((settle) => setTimeout(settle, ms));

test('when PostgreSQL goes away under load, then custom 500s and few emails, and the app recovers alone', async () => {
  if (!installed) return;
  const server = await startPostgresServer();
  const smtp = await startSmtpTestServer();
  const database = await createPostgresDatabase(server.url());
  const app = await startClusterApp(database.location, 2, { mail: { port: smtp.port, admins: ['admin@example.com'] } });
  try {
    const browser = new Browser(app.baseUrl);
    await browser.register('susan');
    assert.is((await browser.logIn('susan')).location, '/index');
    assert.is((await browser.get('/index')).status, 200);

    await server.stop();
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const page = await browser.get('/index');
      statuses.push(page.status);
      if (page.status === 500) assert.match(page.text, 'An unexpected error has occurred');
    }
    assert.ok(statuses.every((status) => status === 500), statuses.join(' '));
    assert.is((await browser.get('/readyz')).status, 503);
    assert.is((await browser.get('/healthz')).status, 200);

    await server.start();
    let recovered = 0;
    for (let waited = 0; waited < 20_000 && recovered !== 200; waited += 250) {
      recovered = (await browser.get('/index')).status;
      if (recovered !== 200) await sleep(250);
    }
    assert.is(recovered, 200, 'serving again, logged in as before');
    assert.is((await browser.get('/readyz')).status, 200);

    await smtp.waitForMessages(1);
    await sleep(500);
    const alerts = smtp.received();
    assert.ok(alerts.length >= 1 && alerts.length <= 4, `${alerts.length} emails for ${statuses.length} failed requests`);
    for (const alert of alerts) assert.match(alert.subject, /^Microblog Failure/);
  } finally {
    await app.stop();
    await database.drop().catch(() => undefined);
    await smtp.close();
    await server.close();
  }
});

test.run();
