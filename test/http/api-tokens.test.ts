import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ACCOUNT_RULE } from '../../domain/login-throttle.js';
import { DEFAULT_ACCESS_TOKEN_LIFETIME_MS } from '../../domain/tokens/access-token.js';
import { withApiApp, type ApiTestApp } from '../support/api-app.js';
import { FixedClock } from '../support/fixed-clock.js';

type World = ApiTestApp & { clock: FixedClock; susanId: number };
const test = suite('API tokens');

/** An app of its own for each test, on a clock the test moves, with Susan registered. */
function inWorld(work: (world: World) => Promise<void>): Promise<void> {
  const clock = new FixedClock();
  return withApiApp({ clock }, async ({ app, api }) => {
    const susanId = (await api.signUp('susan')).id;
    await work({ app, api, clock, susanId });
  });
}

test('when the password is right, then a token that expires in an hour, and it opens the API', () => inWorld(async ({ api, clock }) => {
  const issued = await api.post('/api/tokens', { basic: { username: 'susan', password: 'password123' } });
  assert.is(issued.status, 200);
  assert.is(issued.headers.get('cache-control'), 'no-store');
  assert.is(issued.json.expires_at, new Date(clock.now().getTime() + DEFAULT_ACCESS_TOKEN_LIFETIME_MS).toISOString());
  const me = await api.get('/api/timeline', { token: issued.json.token as string });
  assert.is(me.status, 200);
}));

test('when the password is wrong or the user unknown, then the same 401 with a Basic challenge', () => inWorld(async ({ api }) => {
  const wrong = await api.post('/api/tokens', { basic: { username: 'susan', password: 'wrong-password' } });
  const unknown = await api.post('/api/tokens', { basic: { username: 'nobody', password: 'wrong-password' } });
  for (const refused of [wrong, unknown]) {
    assert.is(refused.status, 401);
    assert.is(refused.headers.get('content-type'), 'application/problem+json');
    assert.match(refused.headers.get('www-authenticate') ?? '', /^Basic realm="microblog API"/);
    assert.is(refused.json.type, '/api/problems/invalid-credentials');
  }
  assert.equal({ ...wrong.json, instance: null }, { ...unknown.json, instance: null }, 'nothing tells which names exist');
}));

test('when no credentials or unreadable ones are sent, then 401 asking for Basic', () => inWorld(async ({ api }) => {
  const attempts: Record<string, string>[] = [{}, { Authorization: 'Basic !!!' }, { Authorization: `Basic ${Buffer.from('no-colon').toString('base64')}` },
    { Authorization: `Basic ${Buffer.from([0xff, 0x3a, 0x61]).toString('base64')}` }, { Authorization: 'Bearer abc' }];
  for (const headers of attempts) {
    const refused = await api.post('/api/tokens', { headers });
    assert.is(refused.status, 401, JSON.stringify(headers));
    assert.is(refused.json.type, '/api/problems/authentication-required');
    assert.match(refused.headers.get('www-authenticate') ?? '', /^Basic /);
  }
}));

test('when the password keeps being wrong, then the login throttle trips: 429 with Retry-After, for the form too', () => inWorld(async ({ app, api }) => {
  for (let i = 0; i < ACCOUNT_RULE.maxFailures; i++) {
    assert.is((await api.post('/api/tokens', { basic: { username: 'susan', password: `guess-${i}` } })).status, 401);
  }
  const throttled = await api.post('/api/tokens', { basic: { username: 'susan', password: 'password123' } });
  assert.is(throttled.status, 429);
  assert.is(throttled.json.type, '/api/problems/too-many-attempts');
  assert.ok(Number(throttled.headers.get('retry-after')) > 0);
  const form = await app.browser().logIn('susan');
  assert.is(form.status, 429, 'the website counts the API\'s failures');
}));

test('when the form has tripped the throttle, then the API is throttled as well', () => inWorld(async ({ app, api }) => {
  const browser = app.browser();
  for (let i = 0; i < ACCOUNT_RULE.maxFailures; i++) await browser.logIn('susan', `guess-${i}`);
  assert.is((await api.post('/api/tokens', { basic: { username: 'susan', password: 'password123' } })).status, 429);
}));

test('when an hour has passed, then the token is refused as expired, with its own type', () => inWorld(async ({ api, clock }) => {
  const token = await api.tokenFor('susan');
  clock.advance(DEFAULT_ACCESS_TOKEN_LIFETIME_MS - 1000);
  assert.is((await api.get('/api/timeline', { token })).status, 200);
  clock.advance(1000);
  const expired = await api.get('/api/timeline', { token });
  assert.is(expired.status, 401);
  assert.is(expired.json.type, '/api/problems/token-expired');
  assert.match(expired.headers.get('www-authenticate') ?? '', /^Bearer .*error="invalid_token"/);
}));

test('when a token is revoked, then it is refused as revoked and other tokens still work', () => inWorld(async ({ api }) => {
  const revoked = await api.tokenFor('susan');
  const other = await api.tokenFor('susan');
  const deleted = await api.delete('/api/tokens', { token: revoked });
  assert.is(deleted.status, 204);
  const refused = await api.get('/api/timeline', { token: revoked });
  assert.is(refused.status, 401);
  assert.is(refused.json.type, '/api/problems/token-revoked');
  assert.is((await api.delete('/api/tokens', { token: revoked })).status, 401, 'revoking twice is refused like any use');
  assert.is((await api.get('/api/timeline', { token: other })).status, 200);
}));

test('when a user takes a new name through the API, then their other tokens are revoked and the one used still works', () => inWorld(async ({ api, susanId }) => {
  const used = await api.tokenFor('susan');
  const other = await api.tokenFor('susan');
  assert.is((await api.put(`/api/users/${susanId}`, { token: used, json: { username: 'susan2' } })).status, 200);
  assert.is((await api.get('/api/timeline', { token: used })).status, 200);
  const refused = await api.get('/api/timeline', { token: other });
  assert.is(refused.status, 401);
  assert.is(refused.json.type, '/api/problems/token-revoked');
}));

test('when a user takes a new name on the website, then every API token of theirs is revoked', () => inWorld(async ({ app, api }) => {
  const token = await api.tokenFor('susan');
  const browser = app.browser();
  assert.is((await browser.logIn('susan')).location, '/index');
  await browser.get('/edit_profile');
  assert.is((await browser.post('/edit_profile', { username: 'susan2', about_me: '' })).status, 302);
  assert.is((await api.get('/api/timeline', { token })).json.type, '/api/problems/token-revoked');
}));

test('when no token, a made-up one or a malformed header is sent, then 401 without saying more', () => inWorld(async ({ api }) => {
  const missing = await api.get('/api/timeline');
  assert.is(missing.status, 401);
  assert.is(missing.json.type, '/api/problems/authentication-required');
  assert.is(missing.headers.get('www-authenticate'), 'Bearer realm="microblog API"');
  for (const token of ['x'.repeat(43), 'a'.repeat(8000)]) {
    const madeUp = await api.get('/api/timeline', { token });
    assert.is(madeUp.status, 401);
    assert.is(madeUp.json.type, '/api/problems/token-invalid');
  }
  for (const Authorization of ['Bearer', 'Bearer a b', 'Token abc', 'Bearer ===']) {
    const malformed = await api.get('/api/timeline', { headers: { Authorization } });
    assert.is(malformed.status, 401, Authorization.slice(0, 20));
    assert.is(malformed.json.type, '/api/problems/authentication-required');
  }
}));

test('when a logged-in browser calls the API with its session cookie, then it is not let in', () => inWorld(async ({ app, api }) => {
  const browser = app.browser();
  await browser.logIn('susan');
  const cookie = [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  assert.ok(cookie.length > 0);
  const refused = await api.get('/api/timeline', { headers: { Cookie: cookie } });
  assert.is(refused.status, 401);
  const posted = await api.post('/api/posts', { headers: { Cookie: cookie }, json: { body: 'via a cookie' } });
  assert.is(posted.status, 401);
}));

test('when the token lifetime is configured, then tokens last that long', async () => {
  const clock = new FixedClock();
  await withApiApp({ clock, accessTokenLifetimeMs: 5 * 60_000 }, async ({ api }) => {
    await api.signUp('john');
    const issued = await api.post('/api/tokens', { basic: { username: 'john', password: 'password123' } });
    assert.is(issued.json.expires_at, new Date(clock.now().getTime() + 5 * 60_000).toISOString());
  });
});

test.run();
