import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fieldErrors } from '../support/browser.js';
import { withApp } from '../support/test-app.js';

const test = suite('registration');

test('when a visitor opens the form, then it has the four fields and a CSRF token', () => withApp({}, async (app) => {
  const page = await app.browser().get('/register');
  assert.is(page.status, 200);
  for (const field of ['username', 'email', 'password', 'password2', 'csrf_token']) assert.match(page.text, `name="${field}"`);
}));

test('when the registration is valid, then the user goes to login with the congratulation', () => withApp({}, async (app) => {
  const browser = app.browser();
  const page = await browser.register('susan', 'susan@example.com');
  assert.is(page.status, 302);
  assert.is(page.location, '/login');
  const login = await browser.follow(page);
  assert.match(login.text, 'Congratulations, you are now a registered user!');
  const again = await browser.get('/login');
  assert.not.match(again.text, 'Congratulations', 'a flash is shown once');
  assert.ok(await app.inUnitOfWork(() => app.database.users.findByUsername('susan')));
}));

test('when fields are missing, then each says it is required and nothing is stored', () => withApp({}, async (app) => {
  const browser = app.browser();
  await browser.get('/register');
  const page = await browser.post('/register', {});
  assert.is(page.status, 422);
  assert.is(page.text.split('This field is required.').length - 1, 4);
}));

test('when the email is invalid or the passwords differ, then the fields say so', () => withApp({}, async (app) => {
  const browser = app.browser();
  await browser.get('/register');
  const badEmail = await browser.post('/register', { username: 'bob', email: 'not-an-email', password: 'password123', password2: 'password123' });
  assert.match(badEmail.text, 'Invalid email address.');
  assert.match(badEmail.text, 'value="bob"', 'what was typed is kept');
  const differ = await browser.post('/register', { username: 'bob', email: 'bob@example.com', password: 'password123', password2: 'password124' });
  assert.match(differ.text, 'Field must be equal to password.');
  assert.not.match(differ.text, 'password123', 'passwords are never sent back');
}));

test('when the username or email is taken, then the field asks for another', () => withApp({}, async (app) => {
  await app.browser().register('susan', 'susan@example.com');
  const browser = app.browser();
  const sameName = await browser.register('Susan', 'other@example.com');
  assert.is(sameName.status, 422);
  assert.match(sameName.text, 'Please use a different username.');
  const sameEmail = await browser.register('other', 'SUSAN@example.com');
  assert.match(sameEmail.text, 'Please use a different email address.');
}));

test('when the username is taken, the email malformed and the passwords differ, then all three show, each by its field', () => withApp({}, async (app) => {
  await app.browser().register('susan', 'susan@example.com');
  const browser = app.browser();
  await browser.get('/register');
  const page = await browser.post('/register', { username: 'Susan', email: 'not-an-email', password: 'password123', password2: 'password124' });
  assert.is(page.status, 422);
  assert.equal(fieldErrors(page.text), {
    username: 'Please use a different username.',
    email: 'Invalid email address.',
    password2: 'Field must be equal to password.',
  });
}));

test('when both the username and the email are taken, then both fields say so and nobody new is stored', () => withApp({}, async (app) => {
  await app.browser().register('susan', 'susan@example.com');
  const page = await app.browser().register('SUSAN', 'Susan@Example.com');
  assert.is(page.status, 422);
  assert.equal(fieldErrors(page.text), { username: 'Please use a different username.', email: 'Please use a different email address.' });
}));

test('when a field is not text and the others break the rules, then the form and the domain messages show together', () => withApp({}, async (app) => {
  const browser = app.browser();
  await browser.get('/register');
  const page = await browser.post('/register', { username: ['a', 'b'], email: 'x@', password: 'short', password2: 'short' });
  assert.is(page.status, 422);
  assert.equal(fieldErrors(page.text), {
    username: 'Invalid value.',
    email: 'Invalid email address.',
    password: 'Field must be at least 8 characters long.',
  });
}));

test('when the username has characters that do not belong in a name, then the field explains', () => withApp({}, async (app) => {
  const page = await app.browser().register('bad name');
  assert.is(page.status, 422);
  assert.match(page.text, 'Usernames may contain only letters, numbers, dots, dashes and underscores.');
}));

test('when a field arrives as a list or an object, then it is a form error, not a crash', () => withApp({}, async (app) => {
  const browser = app.browser();
  await browser.get('/register');
  const list = await browser.post('/register', { username: ['a', 'b'], email: 'x@example.com', password: 'password123', password2: 'password123' });
  assert.is(list.status, 422);
  assert.match(list.text, 'Invalid value.');
  const object = await browser.post('/register', { 'username[nested]': 'a', email: 'x@example.com', password: 'password123', password2: 'password123' });
  assert.is(object.status, 422);
  assert.match(object.text, 'Invalid value.');
}));

test('when a logged-in user opens the registration or login form, then they go to the index', () => withApp({}, async (app) => {
  const browser = app.browser();
  await browser.register('susan');
  await browser.logIn('susan');
  assert.is((await browser.get('/register')).location, '/index');
  assert.is((await browser.get('/login')).location, '/index');
}));

test('when 20 visitors register one name at once, then exactly one succeeds and no request fails', () => withApp({}, async (app) => {
  const browsers = Array.from({ length: 20 }, () => app.browser());
  await Promise.all(browsers.map((browser) => browser.get('/register')));
  const pages = await Promise.all(browsers.map((browser, i) =>
    browser.post('/register', { username: 'popular', email: `p${i}@example.com`, password: 'password123', password2: 'password123' })));
  assert.is(pages.filter((page) => page.status === 302).length, 1);
  const refused = pages.filter((page) => page.status !== 302);
  assert.is(refused.length, 19);
  for (const page of refused) {
    assert.is(page.status, 422);
    assert.match(page.text, 'Please use a different username.');
  }
}));

test.run();
