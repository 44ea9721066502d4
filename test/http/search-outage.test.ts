import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { emailAlertAppender } from '../../adapters/logging/alerts/email-alert-appender.js';
import { createScrubber } from '../../adapters/logging/scrub.js';
import { NodemailerMailer } from '../../adapters/mail/nodemailer-mailer.js';
import { SEARCH_RETRY_AFTER_SECONDS } from '../../adapters/http/errors/search-unavailable.js';
import { CREATE_POSTS_SEARCH, REBUILD_POSTS_SEARCH } from '../../adapters/persistence/mikro-orm/migrations/sqlite/create-post-search.js';
import { ApiClient } from '../support/api-client.js';
import { OpenApiContract } from '../support/openapi-contract.js';
import { startSmtpTestServer } from '../support/smtp-test-server.js';
import { TEST_SECRET_KEY, withApp } from '../support/test-app.js';
import { BREAK_SEARCH_INDEX, REPAIR_SEARCH_INDEX } from '../support/search-index-faults.js';
import { runSql } from '../support/test-database.js';


test('when the search index fails, then search says it is unavailable (503, Retry-After), logged and alerted once, and the other pages keep working', async () => {
  const smtp = await startSmtpTestServer();
  try {
    const mailer = new NodemailerMailer({ host: '127.0.0.1', port: smtp.port, useTls: false, from: 'no-reply@example.com' });
    const alerts = emailAlertAppender({ mailer, to: ['admin@example.com'], scrub: createScrubber([TEST_SECRET_KEY]) });
    await withApp({ appenders: { alerts } }, async (app) => {
      const susan = app.browser();
      await susan.register('susan');
      await susan.logIn('susan');
      await susan.get('/index');
      await susan.post('/index', { post: 'otters hold hands' });
      const api = new ApiClient(app.baseUrl, await OpenApiContract.load(app.baseUrl));
      const token = await api.tokenFor('susan');
      await runSql(app.location, BREAK_SEARCH_INDEX[app.location.dialect]);

      const page = await susan.get('/search?q=otters');
      assert.is(page.status, 503);
      assert.is(page.headers.get('retry-after'), String(SEARCH_RETRY_AFTER_SECONDS));
      assert.match(page.text, 'Search is unavailable right now');
      assert.not.match(page.text, /posts_search|malformed|SQLITE|column/i);
      const reference = /<code>([0-9A-Z]+)<\/code>/.exec(page.text)?.[1] ?? 'missing';
      const logged = app.logs.text();
      assert.match(logged, new RegExp(`ERROR: Exception on /search \\[GET\\].*errorId=${reference}.*\\nSearchUnavailable: The search index did not answer`));
      assert.not.match(logged, 'otters"', 'the SQL is logged without its values');

      const answered = await api.get('/api/posts?q=otters', { token });
      assert.is(answered.status, 503);
      assert.is(answered.headers.get('retry-after'), String(SEARCH_RETRY_AFTER_SECONDS));
      assert.match(String(answered.json.detail), 'Search is unavailable right now');
      for (let i = 0; i < 5; i++) assert.is((await susan.get('/search?q=otters')).status, 503);

      for (const path of ['/index', '/explore', '/user/susan']) assert.is((await susan.get(path)).status, 200, path);
      assert.is((await api.get('/api/posts', { token })).status, 200);

      // Alerts group by route, as for every failure: one email for the page, one for the API, whatever the repeats.
      await smtp.waitForMessages(2);
      await new Promise((settle) => setTimeout(settle, 200));
      assert.equal(smtp.received().map((mail) => /^Request: +GET (\S+)$/m.exec(mail.text)?.[1]).sort(), ['/api/posts', '/search']);

      await runSql(app.location, REPAIR_SEARCH_INDEX[app.location.dialect]);
      const repaired = await susan.get('/search?q=otters');
      assert.is(repaired.status, 200);
      assert.match(repaired.text, 'otters hold hands');
    });
  } finally {
    await smtp.close();
  }
});

// The index gone altogether. On PostgreSQL the vectors are the posts' own column, which publishing
// writes whatever its name: the same break leaves publishing nothing to fail on.
const DROP = {
  sqlite: 'drop table posts_search',
  postgresql: BREAK_SEARCH_INDEX.postgresql,
} as const;
const RECREATE = {
  sqlite: `${CREATE_POSTS_SEARCH}; ${REBUILD_POSTS_SEARCH}`,
  postgresql: REPAIR_SEARCH_INDEX.postgresql,
} as const;

test('when the search index is gone, then a post is still published, on the timeline at once, and findable once the index is rebuilt', async () => {
  await withApp({}, async (app) => {
    const susan = app.browser();
    await susan.register('susan');
    await susan.logIn('susan');
    await susan.get('/index');
    await runSql(app.location, DROP[app.location.dialect]);

    const published = await susan.post('/index', { post: 'otters hold hands' });
    assert.is(published.status, 302);
    assert.is(published.headers.get('location'), '/index');
    assert.match((await susan.get('/index')).text, 'otters hold hands');
    const api = new ApiClient(app.baseUrl, await OpenApiContract.load(app.baseUrl));
    const token = await api.tokenFor('susan');
    assert.is((await api.post('/api/posts', { token, json: { body: 'sea otters too' } })).status, 201);
    if (app.location.dialect === 'sqlite') {
      const logged = app.logs.text();
      assert.match(logged, /ERROR: A new post could not be added to the search index: search will not find it until the index is rebuilt.*\n.*no such table: posts_search/);
      assert.not.match(logged, 'otters hold', 'the SQL is logged without its values');
    }

    await runSql(app.location, RECREATE[app.location.dialect]);
    const found = await susan.get('/search?q=otters');
    assert.is(found.status, 200);
    assert.match(found.text, 'otters hold hands');
    assert.match(found.text, 'sea otters too');
  });
});

test.run();
