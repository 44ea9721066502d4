import { MESSAGE_RULE } from '../../domain/messages/message.js';
import { BREAK_SEARCH_INDEX, REPAIR_SEARCH_INDEX } from '../support/search-index-faults.js';
import { runSql } from '../support/test-database.js';
import { parse, type Token } from '@messageformat/parser';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CatalogueText } from '../../adapters/i18n/message-catalogue.js';
import { NodemailerMailer } from '../../adapters/mail/nodemailer-mailer.js';
import type { UserRepository } from '../../domain/ports/user-repository.js';
import type { Page } from '../support/browser.js';
import { FaultyUserRepository } from '../support/faulty-user-repository.js';
import { withSmtpTestServer, type SmtpTestServer } from '../support/smtp-test-server.js';
import { withApp } from '../support/test-app.js';

// Renders every page, error page and email the site makes, in Spanish, and reads them as a visitor
// does: no sentence of the English catalogue may show up in them.

const english = JSON.parse(readFileSync(resolve('locales/en.json'), 'utf8')) as CatalogueText;

// Words both languages spell alike, so finding them proves nothing: the site's name, and the
// catalogue's only messages Spanish leaves as they are. Any other English is a text left behind.
const ALLOWED = new Set(['Microblog', 'Email', 'Error']);

/** The literal runs of an ICU message, the words around its placeholders and plural cases. */
function literals(message: string): string[] {
  const runs: string[] = [];
  const walk = (tokens: Token[]) => {
    for (const token of tokens) {
      if (token.type === 'content') runs.push(token.value);
      if (token.type === 'plural' || token.type === 'select' || token.type === 'selectordinal') {
        for (const variant of token.cases) walk(variant.tokens);
      }
    }
  };
  walk(parse(message));
  return runs.map((run) => run.trim()).filter((run) => /[a-z]{2}/i.test(run));
}

/** English phrases a Spanish page must not hold: the words of every message of the English catalogue. */
const ENGLISH_PHRASES = [...new Set(Object.values(english).flatMap(literals))].filter((phrase) => !ALLOWED.has(phrase));

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" };

/** What a reader sees of an HTML page: its text, and the words in its visible attributes. */
function visibleText(html: string): string {
  const attributes = [...html.matchAll(/\s(?:placeholder|title|aria-label|alt|value)="([^"]*)"/g)].map((match) => match[1] ?? '');
  const text = html.replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, ' ').replace(/<input[^>]*type="hidden"[^>]*>/g, ' ').replace(/<[^>]+>/g, ' ');
  return [text, ...attributes].join('\n').replace(/&(#?\w+);/g, (whole, name: string) => ENTITIES[name] ?? whole).replace(/\s+/g, ' ');
}

/** The English phrases in `text`, each matched as whole words. */
function englishIn(text: string): string[] {
  return ENGLISH_PHRASES.filter((phrase) => new RegExp(`(?<![\\p{L}])${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'u').test(text));
}

const smtpMailer = (smtp: SmtpTestServer) =>
  new NodemailerMailer({ host: smtp.host, port: smtp.port, useTls: false, from: 'no-reply@microblog.example', timeouts: { connectionMs: 1_000, greetingMs: 1_000, socketMs: 1_000 } });

test('when the English catalogue is read for phrases to look for, then it yields the sentences a Spanish page would betray itself by', () => {
  assert.ok(ENGLISH_PHRASES.includes('Please log in to access this page.'));
  assert.ok(ENGLISH_PHRASES.includes('has not posted yet.'), 'the words around a placeholder');
  assert.ok(ENGLISH_PHRASES.includes('followers'), 'a plural case');
  assert.equal(englishIn(visibleText('<p title="Search posts">Inicio</p>')), ['Search', 'Search posts']);
  assert.equal(englishIn(visibleText('<p>Buscar</p>')), []);
});

test('when every page, error page and email is shown in Spanish, then none of them holds an English text of the catalogue', async () => {
  await withSmtpTestServer({}, async (smtp) => {
    let users: FaultyUserRepository | undefined;
    const options = {
      userRepository: (real: UserRepository) => (users = new FaultyUserRepository(real)),
      passwordReset: { mailer: smtpMailer(smtp), baseUrl: 'https://microblog.example/', linkLifetimeMs: 600_000 },
      postExports: { mailer: smtpMailer(smtp) },
    };
    await withApp(options, async (app) => {
      const found: string[] = [];
      const read = (what: string, page: Page | string, status?: number) => {
        if (status !== undefined && typeof page !== 'string') assert.is(page.status, status, what);
        const text = visibleText(typeof page === 'string' ? page : page.text);
        for (const phrase of englishIn(text)) found.push(`${what}: "${phrase}"`);
      };
      const readError = async (status: number, answer: Promise<Page>) => read(`${status}`, await answer, status);
      const susan = app.browser();
      const john = app.browser();
      for (const browser of [susan, john]) await browser.get('/language/es?next=%2Findex');

      read('anonymous index, sent to log in', await susan.follow(await susan.get('/index')));
      read('anonymous explore', await susan.get('/explore'));
      read('register', await susan.get('/register'));
      read('register with errors', await susan.post('/register', { username: '', email: 'nope', password: 'short', password2: 'other' }));
      read('registered', await susan.follow(await susan.register('susan')));
      await john.register('john');
      read('login with a form error', await susan.post('/login', { username: 'susan', password: 'wrong password' }));
      read('reset request', await susan.get('/reset_password_request'));
      read('reset requested', await susan.follow(await susan.post('/reset_password_request', { email: 'susan@example.com' })));
      const [resetMail] = await smtp.waitForMessages(1);
      read('reset email subject', resetMail?.subject ?? '');
      read('reset email text', resetMail?.text ?? '');
      read('reset email html', resetMail?.html ?? '');
      const link = /https:\/\/microblog\.example(\/reset_password\/\S+)/.exec(resetMail?.text ?? '')?.[1] ?? '';
      read('reset form', await susan.get(link));
      read('reset form with errors', await susan.post(link, { password: 'short', password2: 'other' }));
      read('invalid reset link', await susan.follow(await susan.get('/reset_password/not-a-token')));

      read('logged in', await susan.follow(await susan.logIn('susan')));
      read('index', await susan.get('/index'));
      read('post published', await susan.follow(await susan.post('/index', { post: 'hola a todos' })));
      read('explore', await susan.get('/explore'));
      read('own profile', await susan.get('/user/susan'));
      read('followed', await susan.follow(await susan.post('/follow/john')));
      read('unfollowed', await susan.follow(await susan.post('/unfollow/john')));
      read('edit profile', await susan.get('/edit_profile'));
      read('profile saved', await susan.follow(await susan.post('/edit_profile', { username: 'susan', about_me: 'hola' })));
      read('send message', await susan.get('/send_message/john'));
      read('message sent', await susan.follow(await susan.post('/send_message/john', { message: 'hola john' })));
      read('messages', await john.follow(await john.logIn('john')));
      read('messages', await john.get('/messages'));
      read("another's profile", await john.get('/user/susan'));
      read('search with results', await susan.get('/search?q=hola'));
      read('search without results', await susan.get('/search?q=nada'));
      read('export asked', await susan.follow(await susan.post('/export_posts')));
      const [, exportMail] = await smtp.waitForMessages(2);
      read('export email subject', exportMail?.subject ?? '');
      read('export email text', exportMail?.text ?? '');
      read('export email html', exportMail?.html ?? '');
      read('logout page', await susan.get('/logout'));

      await readError(404, susan.get('/no-such-page'));
      await readError(405, susan.send('/index', { method: 'PUT' }));
      await readError(403, susan.post('/edit_profile', { username: 'susan' }, { token: 'stale' }));
      await readError(413, susan.send('/edit_profile', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `about_me=${'x'.repeat(20_000)}` }));
      await readError(415, susan.send('/edit_profile', { method: 'POST', headers: { 'Content-Type': 'application/xml' }, body: '<a/>' }));
      await readError(400, susan.send('/edit_profile', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Encoding': 'gzip' }, body: 'not compressed' }));
      for (let sent = 1; sent < MESSAGE_RULE.maxFailures; sent++) await susan.post('/send_message/john', { message: `hola ${sent}` });
      await readError(429, susan.post('/send_message/john', { message: 'una de más' }));
      await runSql(app.location, BREAK_SEARCH_INDEX[app.location.dialect]);
      // A query not searched before: one ranked before the break may be answered from its ranking.
      await readError(503, susan.get('/search?q=roto'));
      await runSql(app.location, REPAIR_SEARCH_INDEX[app.location.dialect]);
      await susan.get('/edit_profile');
      if (users) users.failing = 'updateProfile';
      await readError(500, susan.post('/edit_profile', { username: 'susan', about_me: 'otra vez' }));

      assert.equal(found, []);
    });
  });
});

test.run();
