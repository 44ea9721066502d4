import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { MESSAGE_SENT_MESSAGE } from '../../adapters/http/routes/message-routes.js';
import { MESSAGE_RULE } from '../../domain/messages/message.js';
import { fieldErrors, unescapeHtml, type Browser } from '../support/browser.js';
import { FixedClock } from '../support/fixed-clock.js';
import { withApp, type TestApp } from '../support/test-app.js';

// Private messages on the website: the send form and its refusals, the list and its read mark,
// the nav's unread badge, and the polling endpoint of notifications.

const test = suite('private messages');
const BADGE = /<span class="badge" id="message_count">(\d+)<\/span>/;

async function withSusanAndJohn(work: (world: { app: TestApp; susan: Browser; john: Browser; clock: FixedClock }) => Promise<void>, postsPerPage = 25) {
  const clock = new FixedClock();
  await withApp({ clock, postsPerPage }, async (app) => {
    const susan = app.browser();
    const john = app.browser();
    for (const [browser, name] of [[susan, 'susan'], [john, 'john']] as const) {
      await browser.register(name);
      await browser.logIn(name);
    }
    await work({ app, susan, john, clock });
  });
}

async function send(from: Browser, to: string, message: string) {
  await from.get(`/send_message/${to}`);
  return from.post(`/send_message/${to}`, { message });
}

const badgeOf = (html: string): number | null => Number(BADGE.exec(html)?.[1] ?? NaN) || null;

test('when Susan sends John a message from his profile, then it is flashed as sent, and John sees the count, reads it, and the count is gone', async () => {
  await withSusanAndJohn(async ({ susan, john }) => {
    const profile = await susan.get('/user/john');
    assert.match(profile.text, '<a class="button secondary" href="/send_message/john">Send private message</a>');
    const form = await susan.get('/send_message/john');
    assert.is(form.status, 200);
    assert.match(form.text, '<h1>Send Message to john</h1>');
    assert.match(form.text, 'name="csrf_token"');
    assert.match(form.text, '<button class="button" type="submit">Submit</button>');
    const sent = await susan.post('/send_message/john', { message: 'Hi <john> & welcome' });
    assert.is(sent.status, 302);
    assert.is(sent.location, '/user/john');
    assert.match((await susan.follow(sent)).text, MESSAGE_SENT_MESSAGE);
    assert.is(badgeOf((await susan.get('/explore')).text), null, 'the sender has nothing unread');
    assert.is(badgeOf((await john.get('/explore')).text), 1, 'on every page of the recipient');
    const messages = await john.get('/messages');
    assert.match(messages.text, '<a class="post-author" href="/user/susan">susan</a>');
    assert.match(unescapeHtml(messages.text), 'Hi <john> & welcome');
    assert.is(badgeOf(messages.text), null, 'read as soon as listed');
    assert.is(badgeOf((await john.get('/index')).text), null);
  });
});

test('when a message is empty, too long, to oneself or to nobody, then it is refused with the field\'s message or the 404 page', async () => {
  await withSusanAndJohn(async ({ susan }) => {
    await susan.get('/send_message/john');
    const empty = await susan.post('/send_message/john', { message: '   ' });
    assert.is(empty.status, 422);
    assert.equal(fieldErrors(empty.text), { message: 'This field is required.' });
    const long = await susan.post('/send_message/john', { message: 'x'.repeat(141) });
    assert.equal(fieldErrors(long.text), { message: 'Field must be between 1 and 140 characters long.' });
    assert.match(long.text, 'x'.repeat(141), 'the text is kept for fixing');
    const self = await send(susan, 'susan', 'hello me');
    assert.is(self.status, 422);
    assert.equal(fieldErrors(self.text), { message: 'You cannot send a message to yourself.' });
    assert.is((await susan.get('/send_message/nobody')).status, 404);
    assert.is((await susan.post('/send_message/nobody', { message: 'hi' })).status, 404);
  });
});

test('when a sender goes past the throttle, then the page is a 429 with Retry-After, and nothing more is stored', async () => {
  await withSusanAndJohn(async ({ app, susan, john }) => {
    await susan.get('/send_message/john');
    for (let i = 0; i < MESSAGE_RULE.maxFailures; i++) assert.is((await susan.post('/send_message/john', { message: `m${i}` })).status, 302);
    const refused = await susan.post('/send_message/john', { message: 'one too many' });
    assert.is(refused.status, 429);
    assert.is(refused.headers.get('retry-after'), '60');
    assert.is(badgeOf((await john.get('/index')).text), MESSAGE_RULE.maxFailures);
    assert.not.ok(app.logs.lines().some((line) => line.includes('one too many')), 'message text is never logged');
  });
});

test('when John has more messages than a page, then the pages link "Older messages" and "Newer messages", and a page past the end is a 404', async () => {
  await withSusanAndJohn(async ({ susan, john, clock }) => {
    for (const body of ['first', 'second', 'third']) {
      await send(susan, 'john', body);
      clock.advance(1000);
    }
    const first = await john.get('/messages');
    assert.match(first.text, 'third');
    assert.match(first.text, 'Older messages →');
    assert.not.match(first.text, 'Newer messages');
    const second = await john.get('/messages?page=2');
    assert.match(second.text, 'first');
    assert.match(second.text, '← Newer messages');
    assert.is((await john.get('/messages?page=3')).status, 404);
    assert.is((await john.get('/messages?page=x')).status, 404);
  }, 2);
});

test('when Susan is renamed, then John\'s messages from her show her new name', async () => {
  await withSusanAndJohn(async ({ susan, john }) => {
    await send(susan, 'john', 'before the rename');
    await susan.get('/edit_profile');
    assert.is((await susan.post('/edit_profile', { username: 'susanne', about_me: '' })).status, 302);
    const messages = await john.get('/messages');
    assert.match(messages.text, '<a class="post-author" href="/user/susanne">susanne</a>');
  });
});

test('when notifications are polled, then the user\'s own come as JSON after since; a bad since is a 400 and a visitor a 401 in JSON', async () => {
  await withSusanAndJohn(async ({ app, susan, john, clock }) => {
    const sentAt = clock.now().getTime() / 1000;
    await send(susan, 'john', 'ping');
    const polled = await john.get('/notifications?since=0');
    assert.is(polled.status, 200);
    assert.equal(JSON.parse(polled.text), [{ name: 'unread_message_count', data: 1, timestamp: sentAt }]);
    assert.equal(JSON.parse((await john.get(`/notifications?since=${sentAt}`)).text), [], 'only those after since');
    assert.equal(JSON.parse((await susan.get('/notifications')).text), [], 'only the user\'s own');
    for (const since of ['abc', '-1', '1e5', 'NaN', '9'.repeat(20)]) {
      const bad = await john.get(`/notifications?since=${since}`);
      assert.is(bad.status, 400, since);
      assert.is(bad.headers.get('content-type'), 'application/problem+json');
    }
    const visitor = await app.browser().get('/notifications?since=0');
    assert.is(visitor.status, 401);
    assert.is((JSON.parse(visitor.text) as { status: number }).status, 401);
  });
});

test.run();
