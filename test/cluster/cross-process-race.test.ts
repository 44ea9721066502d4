import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Browser, type Page } from '../support/browser.js';
import { CLUSTER_PASSWORD, seedUsers, startClusterApp } from '../support/cluster-app.js';
import type { AppProcess } from '../support/app-process.js';
import { createTestDatabase, testDialect, type TestDatabase } from '../support/test-database.js';

// The original admits its duplicate-username fix "may not work when two or more processes are
// accessing the database at the same time". Here 4 worker processes share one database (SQLite in
// WAL mode, or PostgreSQL under `npm run test:pg`) and 50 clients race for one name or one email.

const CLIENTS = 50;
const WORKERS = 4;

type Context = { database: TestDatabase; app: AppProcess };
const test = suite<Context>(`races across ${WORKERS} processes on ${testDialect}`, {} as Context);
test.before(async (context) => {
  context.database = await createTestDatabase();
  // Behind a proxy, so a test can send every request from one client address of its choice.
  context.app = await startClusterApp(context.database.location, WORKERS, { env: { TRUST_PROXY: '1' } });
});
test.after(async ({ app, database }) => {
  await app.stop();
  await database.drop();
});

function tally(pages: readonly Page[]) {
  return {
    won: pages.filter((page) => page.status === 302).length,
    refused: pages.filter((page) => page.status === 422),
    serverErrors: pages.filter((page) => page.status >= 500).length,
  };
}

test('when 50 clients rename to one free name at once, then exactly one wins and no 5xx', async ({ app, database }) => {
  const names = await seedUsers(database.location, 'racer', CLIENTS);
  const browsers = names.map(() => new Browser(app.baseUrl));
  await Promise.all(browsers.map(async (browser, i) => {
    // Each client from a machine of its own: to the throttle, 50 logins at once from one address
    // are 50 guesses, and only its room of them are checked.
    await browser.get('/login');
    const login = await browser.post('/login', { username: names[i] ?? '', password: CLUSTER_PASSWORD }, { headers: { 'X-Forwarded-For': `198.51.100.${i}` } });
    assert.is(login.location, '/index', `login of ${names[i] ?? ''}: ${login.status} ${login.text.slice(0, 300)}`);
    await browser.get('/edit_profile');
  }));

  const pages = await Promise.all(browsers.map((browser) => browser.post('/edit_profile', { username: 'TheOne', about_me: '' })));
  const { won, refused, serverErrors } = tally(pages);
  assert.is(serverErrors, 0);
  assert.is(won, 1);
  assert.is(refused.length, CLIENTS - 1);
  for (const page of refused) assert.match(page.text, 'Please use a different username.');
});

test('when 50 clients register one email at once, then exactly one account and no 5xx', async ({ app }) => {
  const browsers = Array.from({ length: CLIENTS }, () => new Browser(app.baseUrl));
  await Promise.all(browsers.map((browser) => browser.get('/register')));
  const pages = await Promise.all(browsers.map((browser, i) => browser.post('/register', {
    username: `applicant${i}`, email: 'shared@example.com', password: CLUSTER_PASSWORD, password2: CLUSTER_PASSWORD,
  })));
  const { won, refused, serverErrors } = tally(pages);
  assert.is(serverErrors, 0);
  assert.is(won, 1);
  assert.is(refused.length, CLIENTS - 1);
  for (const page of refused) assert.match(page.text, 'Please use a different email address.');
});

test('when 50 wrong passwords for one account arrive at once across the processes, then 5 are checked and 45 get 429', async ({ app, database }) => {
  const [target] = await seedUsers(database.location, 'guessed', 1);
  const browsers = Array.from({ length: CLIENTS }, () => new Browser(app.baseUrl));
  await Promise.all(browsers.map((browser) => browser.get('/login')));
  const pages = await Promise.all(browsers.map((browser, i) => browser.post('/login', { username: target ?? '', password: `guess-${i}` })));
  const checked = pages.filter((page) => page.status === 302 && page.location === '/login').length;
  const throttled = pages.filter((page) => page.status === 429 && Number(page.headers.get('retry-after')) > 0).length;
  assert.equal({ checked, throttled }, { checked: 5, throttled: CLIENTS - 5 });
});

test('when 50 guesses at 50 usernames arrive at once from one address across the processes, then 20 are checked and 30 get 429', async ({ app }) => {
  const browsers = Array.from({ length: CLIENTS }, () => new Browser(app.baseUrl));
  await Promise.all(browsers.map((browser) => browser.get('/login')));
  const pages = await Promise.all(browsers.map((browser, i) =>
    browser.post('/login', { username: `stranger${i}`, password: `guess-${i}` }, { headers: { 'X-Forwarded-For': '203.0.113.9' } })));
  const checked = pages.filter((page) => page.status === 302 && page.location === '/login').length;
  const throttled = pages.filter((page) => page.status === 429 && Number(page.headers.get('retry-after')) > 0).length;
  assert.equal({ checked, throttled }, { checked: 20, throttled: CLIENTS - 20 });
});

test.run();
