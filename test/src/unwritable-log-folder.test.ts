import { existsSync } from 'node:fs';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startAppProcess } from '../support/app-process.js';
import { startSentryTestServer } from '../support/sentry-test-server.js';
import { startSmtpTestServer } from '../support/smtp-test-server.js';
import { eventually } from '../support/eventually.js';

// The real app (production mode, alert emails, an error tracker) loses its log folder while it runs:
// it is moved away and a regular file takes its place, which even root cannot create a file in
// (ENOTDIR). The app notices when the file next rolls over, at 10 KB.

// A process under test load on a shared machine: generous.
const PROCESS_WAIT_MS = 20_000;

test('when the log folder becomes unwritable mid-run, then pages are still served, the failure is said once on stderr, by email and to the tracker, and the file resumes by itself', async () => {
  const smtp = await startSmtpTestServer();
  const tracker = await startSentryTestServer();
  const app = await startAppProcess({ mail: { port: smtp.port, admins: ['admin@example.com'] }, env: { SENTRY_DSN: tracker.dsn } });
  const folder = dirname(app.logFile);
  // Each 404 writes a line of about 1 KB: a dozen fill the 10 KB file and make it roll.
  const notFound = async (i: number) => (await fetch(`${app.baseUrl}/missing-${i}-${'x'.repeat(900)}`)).status;
  try {
    await eventually(() => existsSync(app.logFile), 'the log file', PROCESS_WAIT_MS);
    await rename(folder, `${folder}.moved`);
    await writeFile(folder, 'a file where the log folder was\n');

    const statuses: number[] = [];
    for (let i = 0; i < 60; i += 1) statuses.push(await notFound(i));
    assert.ok(statuses.every((status) => status === 404), statuses.join(' '));
    await eventually(() => app.errors().includes('cannot be written'), 'the stderr line', PROCESS_WAIT_MS);
    await eventually(() => smtp.received().some((mail) => mail.subject === 'Microblog Failure: LogFileUnwritable'), 'the email', PROCESS_WAIT_MS);
    await tracker.waitForEvents(1);
    for (let i = 60; i < 80; i += 1) assert.is(await notFound(i), 404);

    assert.is(app.errors().match(/cannot be written/g)?.length, 1, app.errors());
    assert.match(app.errors(), /microblog: The log file .*microblog\.log cannot be written \(ENOTDIR: not a directory/);
    assert.is(smtp.received().filter((mail) => mail.subject === 'Microblog Failure: LogFileUnwritable').length, 1);
    const events = tracker.events();
    assert.equal(events.map((event) => event.exception?.values.at(-1)?.type), ['LogFileUnwritable']);

    // The folder can be made again: the app does it on its next try and writes on.
    await unlink(folder);
    await eventually(async () => {
      await notFound(1_000);
      return existsSync(app.logFile) && (await readFile(app.logFile, 'utf8')).includes('is written again');
    }, 'file logging to resume', PROCESS_WAIT_MS);
    assert.is(await notFound(2_000), 404);
    await eventually(async () => (await readFile(app.logFile, 'utf8')).includes('/missing-2000-'), 'the next line in the file', PROCESS_WAIT_MS);
  } finally {
    await app.stop();
    await smtp.close();
    await tracker.close();
  }
});

test.run();
