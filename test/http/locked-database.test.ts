import sqlite3 from 'sqlite3';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { withApp } from '../support/test-app.js';

function exec(db: sqlite3.Database, sql: string): Promise<void> {
  return new Promise((done, fail) => db.exec(sql, (error) => (error ? fail(error) : done())));
}

test('when another connection holds the database longer than the busy timeout, then a custom 500, then recovery', async () => {
  await withApp({}, async (app) => {
    if (!app.sqlitePath) {
      console.log('  (SQLite only: this run uses PostgreSQL, whose outage test is test/cluster/postgres-outage.test.ts)');
      return;
    }
    const intruder = new sqlite3.Database(app.sqlitePath);
    try {
      const browser = app.browser();
      await browser.get('/register');
      await exec(intruder, 'BEGIN EXCLUSIVE');

      const locked = await browser.post('/register', { username: 'susan', email: 'susan@example.com', password: 'password123', password2: 'password123' });
      assert.is(locked.status, 500);
      assert.match(locked.text, 'An unexpected error has occurred');
      assert.not.match(locked.text, 'SQLITE_BUSY');
      const reference = /<code>([0-9A-Z]+)<\/code>/.exec(locked.text)?.[1] ?? 'missing';
      const logLine = app.logs.lines().find((line) => line.includes(`errorId=${reference}`)) ?? '';
      assert.match(logLine, 'ERROR');

      await exec(intruder, 'ROLLBACK');
      const recovered = await browser.post('/register', { username: 'susan', email: 'susan@example.com', password: 'password123', password2: 'password123' });
      assert.is(recovered.status, 302, 'the same registration goes through once the lock is gone');
    } finally {
      await new Promise((done) => intruder.close(done));
    }
  });
});

test.run();
