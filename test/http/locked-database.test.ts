import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BUSY_RETRY_AFTER_SECONDS } from '../../adapters/http/errors/database-busy.js';
import { withApiApp } from '../support/api-app.js';
import { lockDatabase } from '../support/database-lock.js';

const JOHN = { username: 'john', email: 'john@example.com', password: 'password123', password2: 'password123' };

test('when another connection holds the write lock past a write\'s whole wait, then a page and the API answer 503 with Retry-After, each reported with a reference, then both go through', async () => {
  await withApiApp({}, async ({ app, api }) => {
    if (!app.sqlitePath) {
      console.log('  (SQLite only: this run uses PostgreSQL, whose outage test is test/cluster/postgres-outage.test.ts)');
      return;
    }
    const susan = await api.signUp('susan');
    const browser = app.browser();
    await browser.get('/register');
    const lock = await lockDatabase(app.sqlitePath);
    try {
      const [page, problem] = await Promise.all([
        browser.post('/register', JOHN),
        api.post('/api/posts', { token: susan.token, json: { body: 'written while the database is locked' } }),
      ]);
      await lock.release();

      assert.is(page.status, 503);
      assert.is(page.headers.get('retry-after'), String(BUSY_RETRY_AFTER_SECONDS));
      assert.match(page.text, 'The site is busy or down for maintenance.');
      assert.not.match(page.text, 'SQLITE_BUSY');
      assert.is(problem.status, 503);
      assert.is(problem.headers.get('retry-after'), String(BUSY_RETRY_AFTER_SECONDS));
      assert.match(String(problem.json.detail), 'too busy');
      for (const reference of [/<code>([0-9A-Z]+)<\/code>/.exec(page.text)?.[1], problem.json.reference]) {
        const logLine = app.logs.lines().find((line) => line.includes(`errorId=${String(reference)}`)) ?? '';
        assert.match(logLine, 'ERROR', `the log line for ${String(reference)}`);
        assert.match(logLine, 'DatabaseBusy');
      }

      const registered = await browser.post('/register', JOHN);
      assert.is(registered.status, 302, 'the same registration goes through once the lock is gone');
      const published = await api.post('/api/posts', { token: susan.token, json: { body: 'written once the lock is gone' } });
      assert.is(published.status, 201);
    } finally {
      await lock.release();
    }
  });
});

test.run();
