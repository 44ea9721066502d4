import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Browser } from '../support/browser.js';
import { startClusterApp } from '../support/cluster-app.js';
import { startSentryTestServer } from '../support/sentry-test-server.js';
import { withSqliteFile } from '../support/sqlite-file.js';
import { createSqliteDatabase } from '../support/test-database.js';

// Under WEB_CONCURRENCY the log file and the alert emails are the primary's, but the error tracker
// is fed by each worker, where the request that failed is still at hand.

const WORKERS = 2;
const CLIENTS = 12;

test(`when requests fail in ${WORKERS} workers, then each failure is one event with its own reference, sent by the worker that served it`, async () => {
  const database = await createSqliteDatabase();
  const tracker = await startSentryTestServer();
  const app = await startClusterApp(database.location, WORKERS, { env: { SENTRY_DSN: tracker.dsn } });
  const path = database.sqlitePath ?? '';
  try {
    const browsers = Array.from({ length: CLIENTS }, () => new Browser(app.baseUrl));
    await Promise.all(browsers.map((browser) => browser.get('/login')));
    // Every read of users now fails in the driver, in whichever worker serves it.
    await withSqliteFile(path, (db) => db.exec('ALTER TABLE "users" RENAME TO "users_away"'));
    const pages = await Promise.all(browsers.map((browser, i) =>
      browser.post('/login', { username: `client${i}`, password: 'password123' }, { headers: { Accept: 'application/json' } })));
    assert.equal(pages.map((page) => page.status), Array<number>(CLIENTS).fill(500));
    const references = pages.map((page) => (JSON.parse(page.text) as { reference: string }).reference).sort();
    assert.is(new Set(references).size, CLIENTS, 'a reference of its own for each failure');

    const events = await tracker.waitForEvents(CLIENTS, 30_000);
    await new Promise((settle) => setTimeout(settle, 500));
    assert.equal(tracker.events().map((event) => event.tags?.reference ?? 'none').sort(), references, 'each failure exactly once');
    assert.ok(events.every((event) => event.tags?.route === '/login' && event.tags.method === 'POST'));
    const workers = new Set(events.map((event) => event.contexts?.process?.pid));
    assert.is(workers.size, WORKERS, `sent by ${[...workers].join(', ')}`);
  } finally {
    await app.stop();
    await tracker.close();
    await database.drop();
  }
});

test.run();
