import { createHash } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fieldErrors, unescapeHtml, type Browser } from '../support/browser.js';
import { withApp, type TestApp } from '../support/test-app.js';

type World = { app: TestApp; susan: Browser };
const test = suite('profiles');

/** An app of its own for each test, with John registered and Susan logged in. */
function inWorld(work: (world: World) => Promise<void>): Promise<void> {
  return withApp({}, async (app) => {
    await app.browser().register('john', 'john@example.com');
    const susan = app.browser();
    await susan.register('susan', 'Susan@Example.com');
    await susan.logIn('susan');
    await work({ app, susan });
  });
}

test('when a user opens their profile, then avatar, name, last seen and the edit link are there', () => inWorld(async ({ susan }) => {
  const page = await susan.get('/user/susan');
  assert.is(page.status, 200);
  const md5 = createHash('md5').update('susan@example.com').digest('hex');
  assert.match(page.text, `https://www.gravatar.com/avatar/${md5}?d=identicon&amp;s=128`);
  assert.match(page.text, 'User: susan');
  assert.match(page.text, 'Last seen on:');
  assert.match(page.text, 'Edit your profile');
}));

test("when a user opens someone else's profile, then there is no edit link", () => inWorld(async ({ susan }) => {
  const page = await susan.get('/user/john');
  assert.is(page.status, 200);
  assert.match(page.text, 'User: john');
  assert.not.match(page.text, 'Edit your profile');
}));

test('when the profile does not exist, then the custom 404 page', () => inWorld(async ({ susan }) => {
  const page = await susan.get('/user/nobody');
  assert.is(page.status, 404);
  assert.match(page.text, 'Page Not Found');
  assert.match(page.text, 'href="/index"');
}));

test('when the edit form opens, then it is prefilled with the current values', () => inWorld(async ({ susan }) => {
  await susan.get('/edit_profile');
  await susan.post('/edit_profile', { username: 'susan', about_me: 'I like tea' });
  const page = await susan.get('/edit_profile');
  assert.match(page.text, 'value="susan"');
  assert.match(page.text, 'I like tea</textarea>');
}));

test('when the edit is valid, then it is saved, confirmed, and back on the form', () => inWorld(async ({ app, susan }) => {
  await susan.get('/edit_profile');
  const page = await susan.post('/edit_profile', { username: 'Susie', about_me: 'Hello\r\nworld' });
  assert.is(page.status, 302);
  assert.is(page.location, '/edit_profile');
  const form = await susan.follow(page);
  assert.match(form.text, 'Your changes have been saved.');
  const stored = await app.inUnitOfWork(() => app.database.users.findByUsername('susie'));
  assert.is(stored?.username, 'Susie');
  assert.is(stored?.aboutMe, 'Hello\nworld');
  assert.match((await susan.get('/user/Susie')).text, 'User: Susie');
}));

test("when taking another user's name, then the field asks for another and nothing is saved", () => inWorld(async ({ app, susan }) => {
  await susan.get('/edit_profile');
  const page = await susan.post('/edit_profile', { username: 'JOHN', about_me: 'changed' });
  assert.is(page.status, 422);
  assert.match(page.text, 'Please use a different username.');
  const stored = await app.inUnitOfWork(() => app.database.users.findByUsername('susan'));
  assert.is(stored?.aboutMe, '');
}));

test('when about me is too long, then the message names the limit', () => inWorld(async ({ susan }) => {
  await susan.get('/edit_profile');
  const page = await susan.post('/edit_profile', { username: 'susan', about_me: 'x'.repeat(141) });
  assert.is(page.status, 422);
  assert.match(page.text, 'Field cannot be longer than 140 characters.');
}));

test("when taking another user's name with an about me too long, then both fields say so and nothing is saved", () => inWorld(async ({ app, susan }) => {
  await susan.get('/edit_profile');
  const page = await susan.post('/edit_profile', { username: 'john', about_me: 'x'.repeat(141) });
  assert.is(page.status, 422);
  assert.equal(fieldErrors(page.text), { username: 'Please use a different username.', about_me: 'Field cannot be longer than 140 characters.' });
  const stored = await app.inUnitOfWork(() => app.database.users.findByUsername('susan'));
  assert.is(stored?.aboutMe, '');
}));

test('when the username is missing and about me too long, then both fields say so', () => inWorld(async ({ susan }) => {
  await susan.get('/edit_profile');
  const page = await susan.post('/edit_profile', { username: ' ', about_me: 'x'.repeat(141) });
  assert.is(page.status, 422);
  assert.equal(fieldErrors(page.text), { username: 'This field is required.', about_me: 'Field cannot be longer than 140 characters.' });
}));

test('when about me has 140 characters over several lines, then it fits: a line break sent as CRLF counts once', () => inWorld(async ({ susan }) => {
  await susan.get('/edit_profile');
  const page = await susan.post('/edit_profile', { username: 'susan', about_me: `${'x'.repeat(69)}\r\n${'y'.repeat(70)}` });
  assert.is(page.status, 302);
}));

test('when about me holds markup, then the profile shows it as text', () => inWorld(async ({ susan }) => {
  await susan.get('/edit_profile');
  await susan.post('/edit_profile', { username: 'susan', about_me: '<script>alert("x")</script>' });
  const page = await susan.get('/user/susan');
  assert.not.match(page.text, '<script>alert');
  assert.match(page.text, '&lt;script&gt;');
  assert.match(unescapeHtml(page.text), '<script>alert("x")</script>');
}));

test('when the edit arrives without a CSRF token, then 403 and nothing changes', () => inWorld(async ({ app, susan }) => {
  const page = await susan.post('/edit_profile', { username: 'hacked', about_me: 'pwned' }, { token: null });
  assert.is(page.status, 403);
  assert.is(await app.inUnitOfWork(() => app.database.users.findByUsername('hacked')), null);
}));

test('when 20 users rename to one free name at once, then one succeeds and the rest see the form message', () => inWorld(async ({ app }) => {
  const browsers = await Promise.all(Array.from({ length: 20 }, async (_, i) => {
    const browser = app.browser();
    await browser.register(`racer${i}`);
    await browser.logIn(`racer${i}`);
    await browser.get('/edit_profile');
    return browser;
  }));
  const pages = await Promise.all(browsers.map((browser) => browser.post('/edit_profile', { username: 'winner', about_me: '' })));
  assert.is(pages.filter((page) => page.status === 302).length, 1);
  for (const page of pages.filter((p) => p.status !== 302)) {
    assert.is(page.status, 422);
    assert.match(page.text, 'Please use a different username.');
  }
}));

test('when a logged-in user makes a request, then last seen is recorded', () => inWorld(async ({ app, susan }) => {
  await app.inUnitOfWork(async () => {
    const user = await app.database.users.findByUsername('susan');
    if (user) await app.database.users.recordLastSeen(user.id, new Date('2020-01-01T00:00:00Z'));
  });
  await susan.get('/index');
  const stored = await app.inUnitOfWork(() => app.database.users.findByUsername('susan'));
  assert.ok((stored?.lastSeen?.getTime() ?? 0) > Date.now() - 60_000);
}));

test.run();
