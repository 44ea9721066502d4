import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { withSusanAndJohn } from '../support/api-app.js';

const test = suite('API writes');

const errorsOf = (body: Record<string, unknown>) => body.errors as { field: string; code: string; message: string }[];

test('when registering, then 201 with Location and the new account, which can log in on the website', () => withSusanAndJohn(async ({ app, api }) => {
  const created = await api.post('/api/users', { json: { username: 'Mary', email: 'Mary@Example.com', password: 'correct horse' } });
  assert.is(created.status, 201);
  assert.is(created.headers.get('location'), `/api/users/${String(created.json.id)}`);
  assert.is(created.json.username, 'Mary');
  assert.is(created.json.email, 'mary@example.com', 'emails are stored lower-cased, as on the website');
  assert.is((await app.browser().logIn('mary', 'correct horse')).location, '/index');
}));

test('when registration fields are wrong, then one 422 lists every field with the form\'s messages', () => withSusanAndJohn(async ({ api }) => {
  const refused = await api.post('/api/users', { json: { username: 'no spaces allowed', email: 'not-an-email', password: 'short' } });
  assert.is(refused.status, 422);
  assert.is(refused.json.type, '/api/problems/validation-failed');
  assert.equal(errorsOf(refused.json), [
    { field: 'username', code: 'bad-characters', message: 'Usernames may contain only letters, numbers, dots, dashes and underscores.' },
    { field: 'email', code: 'invalid', message: 'Invalid email address.' },
    { field: 'password', code: 'too-short', message: 'Field must be at least 8 characters long.' },
  ]);
  const mixed = await api.post('/api/users', { json: { username: 'SUSAN', email: 'john@example.com', password: ['x'] } });
  assert.equal(errorsOf(mixed.json), [
    { field: 'username', code: 'taken', message: 'Please use a different username.' },
    { field: 'email', code: 'taken', message: 'Please use a different email address.' },
    { field: 'password', code: 'not-text', message: 'Invalid value.' },
  ], 'the domain still checks the fields the form let through');
  const empty = await api.post('/api/users', { json: {} });
  assert.equal(errorsOf(empty.json).map((error) => [error.field, error.code, error.message]), [
    ['username', 'required', 'This field is required.'], ['email', 'required', 'This field is required.'], ['password', 'required', 'This field is required.'],
  ]);
}));

test('when 50 clients register one name at once, then one 201 and 49 422s naming the username, never a 5xx', () => withSusanAndJohn(async ({ app, api }) => {
  const results = await Promise.all(Array.from({ length: 50 }, (_, i) =>
    api.post('/api/users', { json: { username: 'Popular', email: `racer${i}@example.com`, password: 'password123' } })));
  const statuses = results.map((result) => result.status);
  assert.is(statuses.filter((status) => status === 201).length, 1, statuses.join(' '));
  assert.is(statuses.filter((status) => status === 422).length, 49, statuses.join(' '));
  for (const refused of results.filter((result) => result.status === 422)) {
    assert.equal(errorsOf(refused.json), [{ field: 'username', code: 'taken', message: 'Please use a different username.' }]);
  }
  assert.is(app.logs.lines().filter((line) => line.includes(' ERROR: ')).length, 0);
}));

test('when changing your account, then 200 with the change; fields left out keep their value', () => withSusanAndJohn(async ({ api, susan }) => {
  const changed = await api.put(`/api/users/${susan.id}`, { token: susan.token, json: { about_me: 'I like\r\nPortland' } });
  assert.is(changed.status, 200);
  assert.is(changed.json.username, 'susan');
  assert.is(changed.json.about_me, 'I like\nPortland');
  const renamed = await api.put(`/api/users/${susan.id}`, { token: susan.token, json: { username: 'Susan2' } });
  assert.is(renamed.json.username, 'Susan2');
  assert.is(renamed.json.about_me, 'I like\nPortland');
  assert.is((await api.get(`/api/users/${susan.id}`, { token: susan.token })).json.username, 'Susan2', 'the token still works');
}));

test('when the change is invalid, then 422 with every field; another\'s account is 403', () => withSusanAndJohn(async ({ api, susan, john }) => {
  const refused = await api.put(`/api/users/${susan.id}`, { token: susan.token, json: { username: 'JOHN', about_me: 'x'.repeat(141) } });
  assert.is(refused.status, 422);
  assert.equal(errorsOf(refused.json), [
    { field: 'username', code: 'taken', message: 'Please use a different username.' },
    { field: 'about_me', code: 'too-long', message: 'Field cannot be longer than 140 characters.' },
  ]);
  const blank = await api.put(`/api/users/${susan.id}`, { token: susan.token, json: { username: '  ', about_me: 42 } });
  assert.equal(errorsOf(blank.json).map((error) => [error.field, error.code]), [['username', 'required'], ['about_me', 'not-text']]);
  await api.put(`/api/users/${susan.id}`, { token: susan.token, json: { about_me: 'still here' } });
  const nulled = await api.put(`/api/users/${susan.id}`, { token: susan.token, json: { about_me: null } });
  assert.is(nulled.status, 422, 'null is no text, and not a way to clear the field');
  assert.equal(errorsOf(nulled.json).map((error) => [error.field, error.code]), [['about_me', 'not-text']]);
  assert.is((await api.get(`/api/users/${susan.id}`, { token: susan.token })).json.about_me, 'still here');
  const forbidden = await api.put(`/api/users/${john.id}`, { token: susan.token, json: { about_me: 'hijacked' } });
  assert.is(forbidden.status, 403);
  assert.is(forbidden.json.type, '/api/problems/not-your-account');
  assert.is((await api.get(`/api/users/${john.id}`, { token: john.token })).json.about_me, '');
}));

test('when publishing, then 201 with the post; an empty or long one is a 422 with the form\'s message', () => withSusanAndJohn(async ({ api, susan }) => {
  const published = await api.post('/api/posts', { token: susan.token, json: { body: '  Beautiful day in Portland!  ' } });
  assert.is(published.status, 201);
  assert.is(published.json.body, 'Beautiful day in Portland!');
  assert.equal((published.json.author as { username: string }).username, 'susan');
  for (const [json, code, message] of [
    [{}, 'required', 'This field is required.'],
    [{ body: '   ' }, 'required', 'This field is required.'],
    [{ body: 'x'.repeat(141) }, 'too-long', 'Field must be between 1 and 140 characters long.'],
    [{ body: { text: 'hi' } }, 'not-text', 'Invalid value.'],
  ] as const) {
    const refused = await api.post('/api/posts', { token: susan.token, json });
    assert.is(refused.status, 422);
    assert.equal(errorsOf(refused.json), [{ field: 'body', code, message }]);
  }
  assert.is(((await api.get('/api/posts', { token: susan.token })).json._meta as { total_items: number }).total_items, 1, 'nothing refused was stored');
}));

test('when following and unfollowing, then 204 each time, idempotent; yourself is a 422 and nobody a 404', () => withSusanAndJohn(async ({ api, susan, john }) => {
  const followers = async () => ((await api.get(`/api/users/${susan.id}`, { token: john.token })).json.follower_count);
  assert.is((await api.post(`/api/users/${susan.id}/follow`, { token: john.token })).status, 204);
  assert.is((await api.post(`/api/users/${susan.id}/follow`, { token: john.token })).status, 204);
  assert.is(await followers(), 1);
  assert.is((await api.delete(`/api/users/${susan.id}/follow`, { token: john.token })).status, 204);
  assert.is((await api.delete(`/api/users/${susan.id}/follow`, { token: john.token })).status, 204);
  assert.is(await followers(), 0);
  const yourself = await api.post(`/api/users/${john.id}/follow`, { token: john.token });
  assert.is(yourself.status, 422);
  assert.is(yourself.json.type, '/api/problems/cannot-follow-yourself');
  assert.is(yourself.json.detail, 'You cannot follow yourself!');
  assert.is((await api.delete('/api/users/999/follow', { token: john.token })).json.type, '/api/problems/user-not-found');
}));

test.run();
