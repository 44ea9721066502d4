import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { EXPORT_IN_PROGRESS_MESSAGE, EXPORTS_UNAVAILABLE_MESSAGE } from '../../adapters/http/routes/export-routes.js';
import { NodemailerMailer } from '../../adapters/mail/nodemailer-mailer.js';
import type { Mailer } from '../../domain/ports/mailer.js';
import { ApiClient } from '../support/api-client.js';
import type { Browser } from '../support/browser.js';
import { eventually } from '../support/eventually.js';
import { GatedMailer } from '../support/gated-mailer.js';
import { OpenApiContract } from '../support/openapi-contract.js';
import { withSmtpTestServer, type SmtpTestServer } from '../support/smtp-test-server.js';
import { withApp, type TestApp } from '../support/test-app.js';

// The owner's words for the domain's `mail-refused`.
const MAIL_REFUSED = 'The mail server refused the email with your posts.';

// "Export your posts" on the website, against a real SMTP server: the archive arrives, a refusal
// is told to its owner, a "try later" only delays it, and the layout shows the progress meanwhile.

const test = suite('export your posts');
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const PROGRESS = /Exporting posts\.\.\. (\d+)%/;
const NOT_SENT = 'Your export could not be sent.';

const smtpMailer = (smtp: SmtpTestServer) =>
  new NodemailerMailer({ host: smtp.host, port: smtp.port, useTls: false, from: 'no-reply@microblog.example', timeouts: { connectionMs: 1_000, greetingMs: 1_000, socketMs: 1_000 } });

/** Runs `work` on an app mailing through `mailer`, with Susan logged in and three posts of hers, written in this order. */
function withAppMailing(mailer: Mailer | null, work: (world: { app: TestApp; susan: Browser }) => Promise<void>): Promise<void> {
  return withApp(mailer ? { postExports: { mailer } } : {}, async (app) => {
    const susan = app.browser();
    await susan.register('susan');
    await susan.logIn('susan');
    for (const post of ['first', 'second <b>"bold"</b> ✓', 'third']) {
      await susan.get('/index');
      await susan.post('/index', { post });
    }
    await work({ app, susan });
  });
}

async function pressExport(browser: Browser): Promise<ReturnType<Browser['get']>> {
  await browser.get('/user/susan');
  const answer = await browser.post('/export_posts');
  assert.is(answer.status, 302);
  assert.is(answer.location, '/user/susan', 'back to the profile');
  return browser.follow(answer);
}

async function latestExportOf(app: TestApp, username: string) {
  return app.inUnitOfWork(async () => {
    const user = await app.database.users.findByUsername(username);
    return user ? app.database.exports.latestOf(user.id) : null;
  });
}

test('when Susan presses "Export your posts", then an email arrives with both bodies and posts.json holding every post of hers, oldest first, and the export is done', async () => {
  await withSmtpTestServer({}, async (smtp) => {
    await withAppMailing(smtpMailer(smtp), async ({ app, susan }) => {
      const john = app.browser();
      await john.register('john');
      await john.logIn('john');
      await john.get('/index');
      await john.post('/index', { post: 'not hers' });
      const profile = await susan.get('/user/susan');
      assert.match(profile.text, /<form[^>]*action="\/export_posts"[^>]*>\s*<input type="hidden" name="csrf_token"/, 'a POST form with the CSRF token');
      assert.match(profile.text, 'Export your posts');
      assert.not.match((await susan.get('/user/john')).text, 'Export your posts', 'only on your own profile');

      const shown = await pressExport(susan);
      assert.not.match(shown.text, EXPORT_IN_PROGRESS_MESSAGE);
      const [mail, ...others] = await smtp.waitForMessages(1);
      assert.equal(others, []);
      assert.equal(mail?.envelopeTo, ['susan@example.com']);
      assert.is(mail?.subject, '[Microblog] Your blog posts');
      assert.match(mail?.text ?? '', 'Dear susan,\n\nPlease find attached the archive of your posts that you requested.');
      assert.match(mail?.html ?? '', '<p>Dear susan,</p><p>Please find attached the archive of your posts that you requested.</p>');
      assert.equal(mail?.attachments.map((file) => [file.filename, file.contentType]), [['posts.json', 'application/json']]);
      const archive = JSON.parse(mail?.attachments[0]?.content.toString('utf8') ?? '') as { posts: { body: string; timestamp: string }[] };
      assert.equal(archive.posts.map((post) => post.body), ['first', 'second <b>"bold"</b> ✓', 'third']);
      assert.ok(archive.posts.every((post) => ISO_UTC.test(post.timestamp)), JSON.stringify(archive.posts));
      assert.equal(archive.posts.map((post) => post.timestamp), archive.posts.map((post) => post.timestamp).sort(), 'oldest first');

      await app.backgroundSettled();
      assert.equal(await latestExportOf(app, 'susan').then((found) => [found?.state, found?.progress]), ['done', 100]);
      const after = await susan.get('/user/susan');
      assert.not.match(after.text, PROGRESS);
      assert.not.match(after.text, NOT_SENT);
    });
  });
});

test('when the mail server answers 550, then the export fails at once, and her profile and the API say it could not be sent, in words of ours, until she starts another', async () => {
  await withSmtpTestServer({ recipientReply: (n) => (n === 1 ? 550 : null) }, async (smtp) => {
    await withAppMailing(smtpMailer(smtp), async ({ app, susan }) => {
      await pressExport(susan);
      await app.backgroundSettled();
      const [job, ...others] = await app.inUnitOfWork(() => app.database.jobs.list('failed', 10));
      assert.equal(others, []);
      assert.is(job?.attempts, 1, 'no retry storm');
      assert.match(job?.lastError ?? '', '550', 'the operators see the server\'s reply');

      const profile = await susan.get('/user/susan');
      assert.match(profile.text, NOT_SENT);
      assert.match(profile.text, MAIL_REFUSED);
      assert.not.match(profile.text, 'Recipient address rejected', 'no transport reply for the user');
      assert.not.match(profile.text, PROGRESS);
      assert.not.match((await susan.get('/index')).text, NOT_SENT, 'on her profile only');

      const api = new ApiClient(app.baseUrl, await OpenApiContract.load(app.baseUrl));
      const exported = await latestExportOf(app, 'susan');
      const read = await api.get(`/api/exports/${exported?.id}`, { token: await api.tokenFor('susan') });
      assert.equal([read.json.status, read.json.progress, read.json.error], ['failed', exported?.progress, MAIL_REFUSED]);

      await pressExport(susan);
      await smtp.waitForMessages(1);
      await app.backgroundSettled();
      assert.not.match((await susan.get('/user/susan')).text, NOT_SENT, 'gone once another export is started');
    });
  });
});

test('when the mail server answers 451 twice and then accepts, then the archive arrives once and the export is done, no failure shown', async () => {
  await withSmtpTestServer({ recipientReply: (n) => (n <= 2 ? 451 : null) }, async (smtp) => {
    await withAppMailing(smtpMailer(smtp), async ({ app, susan }) => {
      await pressExport(susan);
      // pg-boss spaces retries by whole seconds: up to 2 s and then 4 s before the third attempt.
      const [mail] = await smtp.waitForMessages(1, 20_000);
      await app.backgroundSettled();
      assert.is(smtp.received().length, 1);
      assert.is(mail?.attachments[0]?.filename, 'posts.json');
      assert.is((await latestExportOf(app, 'susan'))?.state, 'done');
      assert.is(app.logs.lines().filter((line) => line.includes('will be tried again')).length, 2);
      assert.not.match((await susan.get('/user/susan')).text, NOT_SENT);
    });
  });
});

test('while her export waits on the mail server, then every page of hers shows its progress, pressing again says one is in progress, and nobody else sees it', async () => {
  await withSmtpTestServer({}, async (smtp) => {
    const gate = new GatedMailer(smtpMailer(smtp));
    await withAppMailing(gate, async ({ app, susan }) => {
      const shown = await pressExport(susan);
      assert.match(shown.text, PROGRESS, 'from the page the button leads to');
      await eventually(() => gate.waiting === 1, 'the job waiting on the mail server');
      for (const path of ['/index', '/explore', '/user/susan', '/edit_profile']) {
        assert.match((await susan.get(path)).text, /<li class="flash flash-info">Exporting posts\.\.\. 99%<\/li>/, `${path}: every post read, the email pending`);
      }
      const john = app.browser();
      await john.register('john');
      await john.logIn('john');
      assert.not.match((await john.get('/index')).text, PROGRESS, 'another user sees nothing of it');

      const again = await pressExport(susan);
      assert.match(again.text, EXPORT_IN_PROGRESS_MESSAGE);
      assert.match(again.text, PROGRESS);
      assert.equal(await app.inUnitOfWork(() => app.database.jobs.counts()).then((counts) => counts.running + counts.queued), 1, 'one job');

      gate.open();
      await smtp.waitForMessages(1);
      await app.backgroundSettled();
      assert.is(smtp.received().length, 1);
      assert.not.match((await susan.get('/index')).text, PROGRESS);
    });
  });
});

test('while her export runs, then /notifications reports its task_progress to her, 99 while the email waits and 100 once sent, and to nobody else', async () => {
  await withSmtpTestServer({}, async (smtp) => {
    const gate = new GatedMailer(smtpMailer(smtp));
    await withAppMailing(gate, async ({ app, susan }) => {
      await pressExport(susan);
      const taskId = (await latestExportOf(app, 'susan'))?.id;
      const progressOf = async (browser: Browser) => (JSON.parse((await browser.get('/notifications?since=0')).text) as { name: string; data: unknown }[])
        .filter((notification) => notification.name === 'task_progress').map((notification) => notification.data);
      await eventually(() => gate.waiting === 1, 'the job waiting on the mail server');
      assert.equal(await progressOf(susan), [{ task_id: taskId, progress: 99 }]);
      gate.open();
      await smtp.waitForMessages(1);
      await app.backgroundSettled();
      assert.equal(await progressOf(susan), [{ task_id: taskId, progress: 100 }]);
      const john = app.browser();
      await john.register('john');
      await john.logIn('john');
      assert.equal(await progressOf(john), []);
    });
  });
});

test('when a visitor or a forged form posts to /export_posts, then nothing starts', async () => {
  await withSmtpTestServer({}, async (smtp) => {
    await withAppMailing(smtpMailer(smtp), async ({ app, susan }) => {
      const visitor = app.browser();
      await visitor.get('/login');
      const answer = await visitor.post('/export_posts');
      assert.is(answer.status, 302);
      assert.match(answer.location ?? '', /^\/login\?next=/);
      assert.is((await susan.post('/export_posts', {}, { token: null })).status, 403, 'no CSRF token');
      assert.is((await susan.post('/export_posts', {}, { token: 'forged-token' })).status, 403);
      assert.is(await latestExportOf(app, 'susan'), null);
    });
  });
});

test('when the site sends no mail, then no button is shown, and pressing one anyway says why', async () => {
  await withAppMailing(null, async ({ app, susan }) => {
    assert.not.match((await susan.get('/user/susan')).text, 'action="/export_posts"');
    const shown = await pressExport(susan);
    assert.match(shown.text, EXPORTS_UNAVAILABLE_MESSAGE);
    assert.is(await latestExportOf(app, 'susan'), null);
  });
});

test.run();
