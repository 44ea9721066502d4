import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { MESSAGE_RULE } from '../../domain/messages/message.js';
import { withSusanAndJohn } from '../support/api-app.js';

// Private messages and notifications through the API; every answer is also checked against
// /api/openapi.json by the client.

const test = suite('API messages');

type Shown = { body: string; sender: { id: number; username: string } };
type Notified = { name: string; data: unknown; timestamp: number };
type Listed = { items: Shown[]; _meta: { total_items: number } };

test('when Susan sends John a message, then 201 with it, John\'s list has it with the sender, reading marks it read, and the notifications say so', async () => {
  await withSusanAndJohn(async ({ api, susan, john }) => {
    const sent = await api.post(`/api/users/${john.id}/messages`, { token: susan.token, json: { body: '  hi john  ' } });
    assert.is(sent.status, 201);
    const message = sent.json as Shown;
    assert.equal([message.body, message.sender.id, message.sender.username], ['hi john', susan.id, 'susan']);
    const unread = (await api.get('/api/notifications?since=0', { token: john.token })).json as unknown as Notified[];
    assert.equal(unread.map((n) => [n.name, n.data]), [['unread_message_count', 1]]);
    const listed = await api.get('/api/messages', { token: john.token });
    assert.is(listed.status, 200);
    const page = listed.json as Listed;
    assert.equal(page.items.map((m) => [m.body, m.sender.username]), [['hi john', 'susan']]);
    assert.equal(page._meta.total_items, 1);
    const read = (await api.get(`/api/notifications?since=${unread[0]?.timestamp ?? 0}`, { token: john.token })).json as unknown as Notified[];
    assert.equal(read.map((n) => n.data), [0], 'reading through the API marks them read');
    assert.equal(((await api.get('/api/messages', { token: susan.token })).json as Listed).items, [], 'the sender received nothing');
  });
});

test('when a message is refused, then a problem: 422 with every field error, 404 for an unknown recipient, 422 to oneself, 401 without a token', async () => {
  await withSusanAndJohn(async ({ api, susan, john }) => {
    const empty = await api.post(`/api/users/${john.id}/messages`, { token: susan.token, json: { body: '' } });
    assert.is(empty.status, 422);
    assert.equal(empty.json.errors, [{ field: 'body', code: 'required', message: 'This field is required.' }]);
    const long = await api.post(`/api/users/${john.id}/messages`, { token: susan.token, json: { body: 'x'.repeat(141) } });
    assert.equal(long.json.errors, [{ field: 'body', code: 'too-long', message: 'Field must be between 1 and 140 characters long.' }]);
    const nobody = await api.post('/api/users/999999/messages', { token: susan.token, json: { body: 'hi' } });
    assert.is(nobody.status, 404);
    assert.is(nobody.json.type, '/api/problems/user-not-found');
    const self = await api.post(`/api/users/${susan.id}/messages`, { token: susan.token, json: { body: 'hi' } });
    assert.is(self.status, 422);
    assert.is(self.json.type, '/api/problems/cannot-message-yourself');
    assert.is((await api.post(`/api/users/${john.id}/messages`, { json: { body: 'hi' } })).status, 401);
    assert.is((await api.get('/api/notifications')).status, 401);
  });
});

test('when a sender goes past the throttle, then 429 with Retry-After, counted with the website\'s', async () => {
  await withSusanAndJohn(async ({ api, susan, john }) => {
    for (let i = 0; i < MESSAGE_RULE.maxFailures; i++) {
      assert.is((await api.post(`/api/users/${john.id}/messages`, { token: susan.token, json: { body: `m${i}` } })).status, 201);
    }
    const refused = await api.post(`/api/users/${john.id}/messages`, { token: susan.token, json: { body: 'one too many' } });
    assert.is(refused.status, 429);
    assert.is(refused.json.type, '/api/problems/too-many-messages');
    assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    assert.is(((await api.get('/api/messages?per_page=100', { token: john.token })).json as Listed)._meta.total_items, MESSAGE_RULE.maxFailures);
  });
});

test('when since is not seconds since the epoch, then 400 naming it', async () => {
  await withSusanAndJohn(async ({ api, susan }) => {
    const bad = await api.get('/api/notifications?since=yesterday', { token: susan.token });
    assert.is(bad.status, 400);
    assert.equal(bad.json.errors, [{ field: 'since', code: 'invalid', message: 'Must be a number of seconds since the epoch.' }]);
  });
});

test.run();
