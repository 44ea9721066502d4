import { createHash } from 'node:crypto';
import type { OpenAPIObject, ParameterObject, SchemaObject } from 'openapi3-ts/oas31';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { withSusanAndJohn } from '../support/api-app.js';

const test = suite('API reads');

const usernames = (list: Record<string, unknown>) => (list.items as { username: string }[]).map((user) => user.username);

test('when a user is read, then the profile with counts and links, and the email only in your own', () => withSusanAndJohn(async ({ api, susan, john }) => {
  await api.post(`/api/users/${susan.id}/follow`, { token: john.token });
  await api.post('/api/posts', { token: susan.token, json: { body: 'hello' } });
  const seen = await api.get(`/api/users/${susan.id}`, { token: john.token });
  assert.is(seen.status, 200);
  assert.equal({ ...seen.json, last_seen: null, _links: null }, {
    id: susan.id, username: 'susan', about_me: '', last_seen: null, post_count: 1, follower_count: 1, following_count: 0, _links: null,
  });
  assert.match(String(seen.json.last_seen), /^\d{4}-\d\d-\d\dT/);
  assert.equal(seen.json._links, {
    self: `/api/users/${susan.id}`,
    followers: `/api/users/${susan.id}/followers`,
    following: `/api/users/${susan.id}/following`,
    posts: `/api/users/${susan.id}/posts`,
    avatar: `https://www.gravatar.com/avatar/${createHash('md5').update('susan@example.com').digest('hex')}?d=identicon&s=128`,
  });
  assert.is((await api.get(`/api/users/${susan.id}`, { token: susan.token })).json.email, 'susan@example.com');
}));

test('when a user does not exist or the id is not one, then 404 user-not-found', () => withSusanAndJohn(async ({ api, john }) => {
  for (const id of ['999', '0', '-1', 'abc', '1.5', '99999999999', '%F0%9F%92%A5', '%ZZ']) {
    const missing = await api.get(`/api/users/${id}`, { token: john.token });
    assert.is(missing.status, 404, id);
    assert.is(missing.json.type, '/api/problems/user-not-found');
    assert.is(missing.json.instance, `/api/users/${id}`);
  }
  const control = await api.get('/api/users/%00', { token: john.token });
  assert.is(control.status, 404, 'a path holding a control character names nothing');
}));

test('when users are listed a page at a time, then meta and links walk every page, and per_page is capped', () => withSusanAndJohn(async ({ api, john }) => {
  for (const name of ['amy', 'bob', 'cat']) await api.signUp(name);
  const first = await api.get('/api/users?per_page=2', { token: john.token });
  assert.equal(usernames(first.json), ['susan', 'john']);
  assert.equal(first.json._meta, { page: 1, per_page: 2, total_pages: 3, total_items: 5 });
  assert.equal(first.json._links, { self: '/api/users?page=1&per_page=2', next: '/api/users?page=2&per_page=2', prev: null });
  const second = await api.get(String((first.json._links as { next: string }).next), { token: john.token });
  assert.equal(usernames(second.json), ['amy', 'bob']);
  assert.equal(second.json._links, { self: '/api/users?page=2&per_page=2', next: '/api/users?page=3&per_page=2', prev: '/api/users?page=1&per_page=2' });
  const last = await api.get('/api/users?page=3&per_page=2', { token: john.token });
  assert.equal(usernames(last.json), ['cat']);
  assert.is((last.json._links as { next: unknown }).next, null);
  const capped = await api.get('/api/users?per_page=500', { token: john.token });
  assert.is((capped.json._meta as { per_page: number }).per_page, 100);
  assert.is(((await api.get('/api/users', { token: john.token })).json._meta as { per_page: number }).per_page, 10, 'ten by default');
}));

test('when a page is past the end or the query is not a number, then 404 page-not-found or 400 naming the parameter', () => withSusanAndJohn(async ({ api, john }) => {
  const past = await api.get('/api/users?page=2', { token: john.token });
  assert.is(past.status, 404);
  assert.is(past.json.type, '/api/problems/page-not-found');
  const bad = await api.get('/api/users?page=0&per_page=x', { token: john.token });
  assert.is(bad.status, 400);
  assert.is(bad.json.type, '/api/problems/invalid-query-parameter');
  assert.equal((bad.json.errors as { field: string }[]).map((error) => error.field), ['page', 'per_page']);
  for (const query of ['page=1&page=2', 'page=%00', 'per_page=1e3', 'page=9999999']) {
    assert.is((await api.get(`/api/posts?${query}`, { token: john.token })).status, 400, query);
  }
}));

test('when page and per_page reach the largest the document gives, then the server does what it says, and past it 400', () => withSusanAndJohn(async ({ api, john }) => {
  const document = (await api.get('/api/openapi.json')).body as OpenAPIObject;
  const parameters = (document.paths?.['/users']?.get?.parameters ?? []) as ParameterObject[];
  const maximum = (name: string) => Number((parameters.find((parameter) => parameter.name === name)?.schema as SchemaObject | undefined)?.maximum);
  const [largestPage, largestPerPage] = [maximum('page'), maximum('per_page')];
  assert.ok(Number.isInteger(largestPage) && Number.isInteger(largestPerPage), 'both are bounded');
  const cut = await api.get(`/api/users?per_page=${largestPerPage}`, { token: john.token });
  assert.is(cut.status, 200);
  assert.is((cut.json._meta as { per_page: number }).per_page, 100, 'cut to 100, as documented');
  assert.is((await api.get(`/api/users?page=${largestPage}`, { token: john.token })).status, 404, 'a page past the end');
  for (const query of [`per_page=${largestPerPage + 1}`, `page=${largestPage + 1}`]) {
    const refused = await api.get(`/api/users?${query}`, { token: john.token });
    assert.is(refused.status, 400, query);
    assert.is(refused.json.type, '/api/problems/invalid-query-parameter');
  }
}));

test('when followers and following are listed, then each side, paginated the same way', () => withSusanAndJohn(async ({ api, susan, john }) => {
  const amy = await api.signUp('amy');
  await api.post(`/api/users/${susan.id}/follow`, { token: john.token });
  await api.post(`/api/users/${susan.id}/follow`, { token: amy.token });
  const followers = await api.get(`/api/users/${susan.id}/followers?per_page=1`, { token: john.token });
  assert.equal(usernames(followers.json), ['john']);
  assert.equal(followers.json._meta, { page: 1, per_page: 1, total_pages: 2, total_items: 2 });
  assert.is((followers.json._links as { next: string }).next, `/api/users/${susan.id}/followers?page=2&per_page=1`);
  assert.equal(usernames((await api.get(`/api/users/${john.id}/following`, { token: john.token })).json), ['susan']);
  assert.equal(usernames((await api.get(`/api/users/${susan.id}/following`, { token: john.token })).json), []);
  assert.is((await api.get('/api/users/999/followers', { token: john.token })).status, 404);
}));

test('when posts are read, then explore, a user\'s posts and the timeline, newest first', () => withSusanAndJohn(async ({ api, susan, john }) => {
  await api.post('/api/posts', { token: susan.token, json: { body: 'first from susan' } });
  await api.post('/api/posts', { token: john.token, json: { body: 'from john' } });
  await api.post('/api/posts', { token: susan.token, json: { body: 'second from susan' } });
  const bodies = (list: Record<string, unknown>) => (list.items as { body: string }[]).map((post) => post.body);
  const explore = await api.get('/api/posts', { token: john.token });
  assert.equal(bodies(explore.json), ['second from susan', 'from john', 'first from susan']);
  const [newest] = explore.json.items as Record<string, unknown>[];
  assert.equal((newest?.author as Record<string, unknown>).username, 'susan');
  assert.equal(bodies((await api.get(`/api/users/${susan.id}/posts`, { token: john.token })).json), ['second from susan', 'first from susan']);
  assert.equal(bodies((await api.get('/api/timeline', { token: john.token })).json), ['from john']);
  await api.post(`/api/users/${susan.id}/follow`, { token: john.token });
  const timeline = await api.get('/api/timeline?per_page=2', { token: john.token });
  assert.equal(bodies(timeline.json), ['second from susan', 'from john']);
  assert.equal(timeline.json._meta, { page: 1, per_page: 2, total_pages: 2, total_items: 3 });
  assert.is((await api.get('/api/users/999/posts', { token: john.token })).json.type, '/api/problems/user-not-found');
}));

test('when the OpenAPI document and a problem page are read, then they answer without a token', () => withSusanAndJohn(async ({ app, api }) => {
  const document = await api.get('/api/openapi.json');
  assert.is(document.json.openapi, '3.1.0');
  const page = await api.get('/api/problems/token-expired');
  assert.is(page.status, 200);
  assert.match(String(page.body), '<h1>Token expired</h1>');
  assert.is((await api.get('/api/problems/nonsense')).status, 404);
  assert.ok(api.checked > 0);
  assert.is(app.logs.lines().filter((line) => line.includes(' ERROR: ')).length, 0);
}));

test.run();
