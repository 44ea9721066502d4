import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { SEARCH_QUERY_MAX_LENGTH } from '../../domain/search/search-query.js';
import { withSusanAndJohn } from '../support/api-app.js';

const test = suite('API search');

const bodies = (list: Record<string, unknown>) => (list.items as { body: string }[]).map((post) => post.body);

test('when posts are listed with q, then those holding its words, with links that keep q', () => withSusanAndJohn(async ({ api, susan, john }) => {
  for (const body of ['otter one', 'El ñandú corre', 'otter two', 'otter three', 'nothing']) await api.post('/api/posts', { token: susan.token, json: { body } });
  const found = await api.get('/api/posts?q=OTTER&per_page=2', { token: john.token });
  assert.is(found.status, 200);
  assert.equal(bodies(found.json), ['otter three', 'otter two']);
  assert.equal(found.json._meta, { page: 1, per_page: 2, total_pages: 2, total_items: 3 });
  assert.equal(found.json._links, { self: '/api/posts?q=OTTER&page=1&per_page=2', next: '/api/posts?q=OTTER&page=2&per_page=2', prev: null });
  assert.equal(bodies((await api.get('/api/posts?q=OTTER&page=2&per_page=2', { token: john.token })).json), ['otter one']);
  assert.equal(bodies((await api.get(`/api/posts?q=${encodeURIComponent('nandu')}`, { token: john.token })).json), ['El ñandú corre']);
  assert.is((await api.get('/api/posts?q=otter&page=3&per_page=2', { token: john.token })).status, 404);
}));

test('when q is blank or absent, then every post is listed; when it holds only syntax, then none', () => withSusanAndJohn(async ({ api, susan }) => {
  await api.post('/api/posts', { token: susan.token, json: { body: 'hello' } });
  for (const query of ['', '?q=', '?q=%20']) assert.equal(bodies((await api.get(`/api/posts${query}`, { token: susan.token })).json), ['hello'], query);
  for (const text of ['"', '*', '🙂', '()', 'AND', 'NEAR(a, b)', 'col:x', '^', '-', 'a'.repeat(SEARCH_QUERY_MAX_LENGTH)]) {
    const found = await api.get(`/api/posts?q=${encodeURIComponent(text)}`, { token: susan.token });
    assert.is(found.status, 200, text.slice(0, 20));
    assert.equal(bodies(found.json), [], text.slice(0, 20));
  }
}));

test('when q is too long, then a 400 problem names it', () => withSusanAndJohn(async ({ api, susan }) => {
  const refused = await api.get(`/api/posts?q=${'a'.repeat(SEARCH_QUERY_MAX_LENGTH + 1)}`, { token: susan.token });
  assert.is(refused.status, 400);
  assert.is(refused.json.type, '/api/problems/invalid-query-parameter');
  assert.equal(refused.json.errors, [{ field: 'q', code: 'too-long', message: 'Search for at most 2,000 characters.' }]);
}));

test.run();
