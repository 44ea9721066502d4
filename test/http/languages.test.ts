import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LOGIN_REQUIRED_MESSAGE } from '../../adapters/http/routes/login-required.js';
import { withApp } from '../support/test-app.js';

const SPANISH_LOGIN = 'Por favor ingrese para acceder a esta página.';

test('when a browser prefers Mexican Spanish, then the page is in Spanish and says so, and that it varies with Accept-Language', async () => {
  await withApp({}, async (app) => {
    const page = await app.browser().get('/login', { 'Accept-Language': 'es-MX,es;q=0.9,en;q=0.8' });
    assert.is(page.status, 200);
    assert.match(page.text, '<html lang="es">');
    assert.match(page.text, '<h1>Ingresar</h1>');
    assert.is(page.headers.get('content-language'), 'es');
    assert.match(page.headers.get('vary') ?? '', /Accept-Language/);
  });
});

test('when a browser prefers English over Spanish by q-value, or asks for a language the site does not speak, then the page is in English', async () => {
  await withApp({}, async (app) => {
    for (const header of ['es;q=0.5,en;q=0.9', 'fr', 'fr-CA,fr;q=0.9', '']) {
      const page = await app.browser().get('/login', header ? { 'Accept-Language': header } : {});
      assert.match(page.text, '<html lang="en">', header);
      assert.match(page.text, '<h1>Sign In</h1>', header);
      assert.is(page.headers.get('content-language'), 'en', header);
    }
  });
});

test('when a visitor picks Spanish in the footer, then it is remembered over the browser\'s English, and they are sent back where they were', async () => {
  await withApp({}, async (app) => {
    const browser = app.browser();
    const english = await browser.get('/register', { 'Accept-Language': 'en' });
    assert.match(english.text, 'href="/language/es?next=%2Fregister"');
    const chosen = await browser.get('/language/es?next=%2Fregister', { 'Accept-Language': 'en' });
    assert.is(chosen.status, 302);
    assert.is(chosen.location, '/register');
    const page = await browser.get('/register', { 'Accept-Language': 'en' });
    assert.match(page.text, '<html lang="es">');
    assert.match(page.text, '<h1>Registrarse</h1>');
  });
});

test('when the language cookie holds anything but a language the site speaks, then it is ignored and never echoed', async () => {
  await withApp({}, async (app) => {
    for (const forged of ['fr', '"><script>alert(1)</script>', 'es\r\nSet-Cookie: x=1', '../../etc/passwd']) {
      const page = await app.browser().get('/login', { Cookie: `language=${encodeURIComponent(forged)}`, 'Accept-Language': 'en' });
      assert.is(page.status, 200, forged);
      assert.match(page.text, '<html lang="en">', forged);
      assert.is(page.headers.get('content-language'), 'en', forged);
      assert.not.match(page.text, 'script>alert', forged);
    }
  });
});

test('when a logged-in user picks Spanish in the footer, then their profile keeps it: another browser asking for English gets Spanish once they log in there', async () => {
  await withApp({}, async (app) => {
    const laptop = app.browser();
    await laptop.register('susan');
    await laptop.logIn('susan');
    assert.match((await laptop.get('/index', { 'Accept-Language': 'en' })).text, 'action="/language/es?next=%2Findex"', 'a logged-in user chooses with a form');
    await laptop.post('/language/es?next=%2Findex', {}, { headers: { 'Accept-Language': 'en' } });
    const phone = app.browser();
    await phone.get('/language/en?next=%2Flogin');
    assert.match((await phone.get('/login', { 'Accept-Language': 'en' })).text, '<html lang="en">', 'anonymous, the cookie decides');
    await phone.logIn('susan');
    const page = await phone.get('/index', { 'Accept-Language': 'en' });
    assert.match(page.text, '<html lang="es">');
    assert.is(page.headers.get('content-language'), 'es');
    assert.is((await app.inUnitOfWork(() => app.database.users.findByUsername('susan')))?.language, 'es');
  });
});

test('when another site sends a logged-in user to the language link, or posts to it without the form token, then their profile keeps its language', async () => {
  await withApp({}, async (app) => {
    const susan = app.browser();
    await susan.register('susan');
    await susan.logIn('susan');
    assert.is((await susan.get('/language/es?next=%2Findex')).location, '/index', 'a link still answers');
    assert.is((await susan.post('/language/es', { csrf_token: 'forged' })).status, 403);
    assert.is((await app.inUnitOfWork(() => app.database.users.findByUsername('susan')))?.language, null);
  });
});

test('when the footer is asked for a language the site does not speak, or to leave the site, then it is a 404, or home', async () => {
  await withApp({}, async (app) => {
    assert.is((await app.browser().get('/language/fr')).status, 404);
    assert.is((await app.browser().get('/language/es?next=%2F%2Fevil.example')).location, '/index');
  });
});

test('when a flash waits, then it is shown in the language of the page that shows it', async () => {
  await withApp({}, async (app) => {
    const browser = app.browser();
    await browser.get('/index');
    const page = await browser.get('/login', { 'Accept-Language': 'es' });
    assert.match(page.text, SPANISH_LOGIN);
    assert.not.match(page.text, LOGIN_REQUIRED_MESSAGE);
  });
});

test('when a form is refused in Spanish, then its field messages are Spanish', async () => {
  await withApp({}, async (app) => {
    const browser = app.browser();
    await browser.register('susan');
    const other = app.browser();
    await other.get('/register', { 'Accept-Language': 'es' });
    const page = await other.post('/register', { username: 'susan', email: 'x@example.com', password: 'short', password2: 'other' }, { headers: { 'Accept-Language': 'es' } });
    assert.is(page.status, 422);
    assert.match(page.text, 'Por favor use un nombre de usuario diferente.');
    assert.match(page.text, 'El campo debe tener al menos 8 caracteres.');
  });
});

test('when the API is asked in Spanish, then a problem\'s title, detail and field messages are Spanish, and its type and codes are not', async () => {
  await withApp({}, async (app) => {
    const response = await fetch(`${app.baseUrl}/api/users`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept-Language': 'es' },
      body: JSON.stringify({ username: '', email: 'nope', password: 'x' }),
    });
    const problem = await response.json() as { type: string; title: string; detail: string; errors: { field: string; code: string; message: string }[] };
    assert.is(response.headers.get('content-language'), 'es');
    assert.is(problem.type, '/api/problems/validation-failed');
    assert.is(problem.title, 'Tu petición tiene campos inválidos');
    assert.is(problem.detail, 'La petición tiene campos inválidos: username, email, password.');
    assert.equal(problem.errors.map((error) => [error.field, error.code]), [['username', 'required'], ['email', 'invalid'], ['password', 'too-short']]);
    assert.is(problem.errors[0]?.message, 'Este campo es obligatorio.');
  });
});

test('when the API document is read, then every problem it describes names its language in Content-Language', async () => {
  await withApp({}, async (app) => {
    const document = await (await fetch(`${app.baseUrl}/api/openapi.json`)).json() as { paths: Record<string, Record<string, { responses: Record<string, { headers?: Record<string, unknown> }> }>> };
    const problems = Object.values(document.paths).flatMap((methods) => Object.values(methods))
      .flatMap((operation) => Object.entries(operation.responses).filter(([status]) => Number(status) >= 400).map(([, response]) => response));
    assert.ok(problems.length > 10);
    for (const problem of problems) assert.ok(problem.headers?.['Content-Language'], JSON.stringify(problem));
  });
});

test('when a page is missing in Spanish, then the 404 page is the Spanish one', async () => {
  await withApp({}, async (app) => {
    const page = await app.browser().get('/no-such-page', { 'Accept-Language': 'es' });
    assert.is(page.status, 404);
    assert.match(page.text, '<h1>Página No Encontrada</h1>');
    assert.is(page.headers.get('content-language'), 'es');
  });
});

test.run();
