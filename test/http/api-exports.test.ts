import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { NodemailerMailer } from '../../adapters/mail/nodemailer-mailer.js';
import type { ApiClient } from '../support/api-client.js';
import { withApiApp } from '../support/api-app.js';
import { eventually } from '../support/eventually.js';
import { GatedMailer } from '../support/gated-mailer.js';
import { startSmtpTestServer, type SmtpTestServer, type SmtpTestServerOptions } from '../support/smtp-test-server.js';
import type { TestApp } from '../support/test-app.js';

// The owner's words for the domain's `mail-refused`.
const MAIL_REFUSED = 'The mail server refused the email with your posts.';

// "Export your posts" through the API, against a real SMTP server; every answer is also checked
// against /api/openapi.json by the client.

type Started = Readonly<{ app: TestApp; api: ApiClient; smtp: SmtpTestServer; gate: GatedMailer; susan: string; john: string }>;
const test = suite('API exports');

/**
 * Runs `work` on an app whose export emails pass a gate (open unless `gated`) to a real SMTP server,
 * Susan having two posts; the app and the server are closed whatever `work` does.
 */
async function withExports(options: Readonly<{ smtp?: SmtpTestServerOptions; gated?: boolean; mail?: boolean }>, work: (world: Started) => Promise<void>): Promise<void> {
  const smtp = await startSmtpTestServer(options.smtp);
  try {
    const gate = new GatedMailer(new NodemailerMailer({ host: smtp.host, port: smtp.port, useTls: false, from: 'no-reply@microblog.example', timeouts: { connectionMs: 1_000, greetingMs: 1_000, socketMs: 1_000 } }));
    if (!options.gated) gate.open();
    await withApiApp(options.mail === false ? {} : { postExports: { mailer: gate } }, async ({ app, api }) => {
      const susan = (await api.signUp('susan')).token;
      const john = (await api.signUp('john')).token;
      for (const body of ['one', 'two']) assert.is((await api.post('/api/posts', { token: susan, json: { body } })).status, 201);
      await work({ app, api, smtp, gate, susan, john });
    });
  } finally {
    await smtp.close();
  }
}

test('when a client starts an export, then 202 with its Location, which reads queued or running and then done at 100 % once the archive is emailed', async () => {
  await withExports({}, async ({ api, smtp, susan }) => {
    const started = await api.post('/api/exports', { token: susan });
    assert.is(started.status, 202);
    const location = started.headers.get('location') ?? '';
    assert.match(location, /^\/api\/exports\/\d+$/);
    assert.equal([started.json.id, started.json.status, started.json.progress], [Number(location.split('/').at(-1)), 'queued', 0]);
    assert.is(started.json.error, undefined);
    const [mail] = await smtp.waitForMessages(1);
    const archive = JSON.parse(mail?.attachments[0]?.content.toString('utf8') ?? '') as { posts: { body: string }[] };
    assert.equal(archive.posts.map((post) => post.body), ['one', 'two']);
    await eventually(async () => (await api.get(location, { token: susan })).json.status === 'done', 'the export done');
    const done = await api.get(location, { token: susan });
    assert.equal([done.json.status, done.json.progress, done.json.error], ['done', 100, undefined]);
  });
});

test('while an export runs, then GET /api/notifications reports it to its owner as task_progress, 99 while the email waits and 100 once sent; nobody else', async () => {
  await withExports({ gated: true }, async ({ api, app, gate, susan, john }) => {
    const taskId = (await api.post('/api/exports', { token: susan })).json.id;
    const progressOf = async (token: string) => ((await api.get('/api/notifications', { token })).json as unknown as { name: string; data: unknown }[])
      .filter((notification) => notification.name === 'task_progress').map((notification) => notification.data);
    await eventually(() => gate.waiting === 1, 'the job waiting on the mail server');
    assert.equal(await progressOf(susan), [{ task_id: taskId, progress: 99 }]);
    gate.open();
    await app.backgroundSettled();
    assert.equal(await progressOf(susan), [{ task_id: taskId, progress: 100 }]);
    assert.equal(await progressOf(john), []);
  });
});

test('when an export is in progress, then another is a 409 problem and the first goes on; another user\'s export, or none, is a 404', async () => {
  await withExports({ gated: true }, async ({ api, app, gate, susan, john }) => {
    const location = (await api.post('/api/exports', { token: susan })).headers.get('location') ?? '';
    const again = await api.post('/api/exports', { token: susan });
    assert.is(again.status, 409);
    assert.is(again.json.type, '/api/problems/export-in-progress');
    await eventually(() => gate.waiting === 1, 'the job waiting on the mail server');
    const running = await api.get(location, { token: susan });
    assert.equal([running.json.status, running.json.progress], ['running', 99]);
    for (const path of [location, '/api/exports/999999', '/api/exports/abc', '/api/exports/0']) {
      const refused = await api.get(path, { token: path === location ? john : susan });
      assert.is(refused.status, 404, path);
      assert.is(refused.json.type, '/api/problems/export-not-found');
    }
    assert.is((await api.post('/api/exports', { token: john })).status, 202, 'one export in progress per user');
    gate.open();
    await app.backgroundSettled();
    assert.is((await api.post('/api/exports', { token: susan })).status, 202, 'a new one once the first is done');
  });
});

test('when the mail server answers 550, then the export reads failed with a reason of ours, and no transport reply', async () => {
  await withExports({ smtp: { recipientReply: () => 550 } }, async ({ api, app, susan }) => {
    const location = (await api.post('/api/exports', { token: susan })).headers.get('location') ?? '';
    await app.backgroundSettled();
    const failed = await api.get(location, { token: susan });
    assert.equal([failed.json.status, failed.json.error], ['failed', MAIL_REFUSED]);
  });
});

test('when the server sends no mail, then starting an export is a 403 problem (a setting, not an outage) and nothing is stored', async () => {
  await withExports({ mail: false }, async ({ api, app, susan }) => {
    const refused = await api.post('/api/exports', { token: susan });
    assert.is(refused.status, 403);
    assert.is(refused.json.type, '/api/problems/export-unavailable');
    assert.is(refused.headers.get('retry-after'), null);
    assert.is(await app.inUnitOfWork(() => app.database.exports.latestOf(1)), null);
  });
});

test('when no token is sent, then 401 for both', async () => {
  await withExports({}, async ({ api }) => {
    assert.is((await api.post('/api/exports')).status, 401);
    assert.is((await api.get('/api/exports/1')).status, 401);
  });
});

test.run();
