import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { emailAlertAppender, type EmailAlerts } from '../../../adapters/logging/alerts/email-alert-appender.js';
import type { Timers } from '../../../adapters/logging/alerts/timers.js';
import { configureLogging, type Logging } from '../../../adapters/logging/configure-logging.js';
import type { ErrorReporter } from '../../../adapters/logging/error-reporter.js';
import { memoryAppender, type MemoryLog } from '../../../adapters/logging/memory-appender.js';
import { createScrubber } from '../../../adapters/logging/scrub.js';
import { sentryErrorTracker } from '../../../adapters/logging/tracker/sentry-error-tracker.js';
import { NodemailerMailer } from '../../../adapters/mail/nodemailer-mailer.js';
import { ManualTimers } from '../../support/log-timers.js';
import { startSentryTestServer } from '../../support/sentry-test-server.js';
import { startSilentServer, startSmtpTestServer, unusedPort } from '../../support/smtp-test-server.js';
import { eventually } from '../../support/eventually.js';

const SECRET_KEY = 'k3y-0f-the-app-that-must-never-leak-1234';
const SMTP_PASSWORD = 'smtp-pa55word-never-mailed';
const HASH = 'scrypt$17$8$1$c2FsdA$aGFzaA';
const WINDOW_MS = 60_000;

class UniqueConstraintViolationException extends Error {
  override readonly name = 'UniqueConstraintViolationException';
}

function registrationCrash(): Error {
  return new UniqueConstraintViolationException(
    `insert into \`user\` (\`username\`, \`email\`, \`password_hash\`) values ('susan', 'susan@example.com', '${HASH}') - ` +
      `SQLITE_CONSTRAINT: UNIQUE constraint failed (key ${SECRET_KEY}, smtp ${SMTP_PASSWORD})`,
  );
}

function profileCrash(): Error {
  return new TypeError("Cannot read properties of undefined (reading 'aboutMe')");
}

type Harness = Readonly<{ logging: Logging; alerts: EmailAlerts; log: MemoryLog }>;

function harness(port: number, options: Readonly<{ timers?: Timers; greetingMs?: number; maxAttempts?: number; reporters?: readonly ErrorReporter[] }> = {}): Harness {
  const mailer = new NodemailerMailer({
    host: '127.0.0.1',
    port,
    useTls: false,
    from: 'microblog@example.com',
    timeouts: { connectionMs: 500, greetingMs: options.greetingMs ?? 500, socketMs: 500 },
  });
  const alerts = emailAlertAppender({
    mailer,
    to: ['admin@example.com'],
    scrub: createScrubber([SECRET_KEY, SMTP_PASSWORD]),
    groupWindowMs: WINDOW_MS,
    maxAttempts: options.maxAttempts ?? 3,
    retryBackoffMs: 10,
    ...(options.timers ? { timers: options.timers } : {}),
  });
  const log = memoryAppender();
  return { logging: configureLogging({ appenders: { memory: log.appender, alerts }, reporters: options.reporters ?? [] }), alerts, log };
}

const mailFailures = (log: MemoryLog): string[] => log.lines().filter((line) => line.includes('Alert email not sent'));

test('when an unexpected error is logged, then exactly one email goes to the admins, with reference id and no secret', async () => {
  const server = await startSmtpTestServer();
  const { logging } = harness(server.port);
  logging.logger.withContext({ requestId: 'r-9', method: 'POST', path: '/register' }, () => {
    logging.logger.error('Unexpected error', registrationCrash(), { errorId: 'E-1', userId: 12 });
  });
  const [mail] = await server.waitForMessages(1);
  await logging.shutdown();
  await server.close();

  assert.is(server.received().length, 1);
  assert.equal(mail?.envelopeTo, ['admin@example.com']);
  assert.is(mail?.subject, 'Microblog Failure: UniqueConstraintViolationException');
  for (const expected of ['Reference id: E-1', 'Request:      POST /register', 'User id:      12', 'Request id:   r-9', 'at registrationCrash']) {
    assert.match(mail?.text ?? '', expected);
  }
  for (const secret of [HASH, 'scrypt$', SECRET_KEY, SMTP_PASSWORD, 'susan@example.com', 'insert into']) {
    assert.not.match(mail?.raw ?? '', secret);
  }
});

test('when an error is logged, then the call only queues the email and the sending happens afterwards', async () => {
  const server = await startSmtpTestServer();
  const { logging, alerts } = harness(server.port);
  logging.logger.error('Unexpected error', profileCrash());
  assert.is(alerts.pendingEmails(), 1);
  assert.is(server.received().length, 0);
  await server.waitForMessages(1);
  await logging.shutdown();
  await server.close();
});

test('when the mail server refuses connections, then nothing throws and the failure is logged once, after the retries', async () => {
  const { logging, alerts, log } = harness(await unusedPort());
  logging.logger.error('Unexpected error', registrationCrash());
  logging.logger.error('Unexpected error', profileCrash());
  assert.is(alerts.pendingEmails(), 2);
  await eventually(() => alerts.pendingEmails() === 0);
  await logging.shutdown();

  const failures = mailFailures(log);
  assert.is(failures.length, 1, failures.join('\n'));
  assert.match(failures[0] ?? '', /ERROR: Alert email not sent after 3 attempts: ESOCKET: connect ECONNREFUSED.* failedChannel=email/);
  assert.match(failures[0] ?? '', '[in adapters/logging/alerts/email-alert-appender.ts:');
});

test('when an alert email cannot be delivered, then the error tracker is told, and no alert email is queued about it', async () => {
  const tracker = await startSentryTestServer();
  const scrub = createScrubber([SECRET_KEY, SMTP_PASSWORD]);
  const reporter = sentryErrorTracker({ dsn: tracker.dsn, environment: 'test', release: 'microblog@test', tracesSampleRate: 0, scrub });
  const { logging, alerts, log } = harness(await unusedPort(), { reporters: [reporter] });
  try {
    logging.logger.error('Unexpected error', profileCrash());
    await eventually(() => mailFailures(log).length === 1);
    assert.is(alerts.pendingEmails(), 0, 'nothing was queued about the failed email');
    const events = await tracker.waitForEvents(2);
    assert.equal(events.map((event) => event.exception?.values.at(-1)?.type), ['TypeError', 'AlertEmailUndeliverable']);
    assert.match(events[1]?.exception?.values.at(-1)?.value ?? '', /^Alert email not sent after 3 attempts: ESOCKET: connect ECONNREFUSED/);
  } finally {
    await logging.shutdown();
    await tracker.close();
  }
});

test('when the mail server accepts but never answers, then nothing throws and the failure is logged once, after the retries', async () => {
  const silent = await startSilentServer();
  const { logging, alerts, log } = harness(silent.port, { greetingMs: 100, maxAttempts: 2 });
  logging.logger.error('Unexpected error', registrationCrash());
  logging.logger.error('Unexpected error', profileCrash());
  assert.is(alerts.pendingEmails(), 2);
  await eventually(() => alerts.pendingEmails() === 0);
  await logging.shutdown();
  await silent.close();

  const failures = mailFailures(log);
  assert.is(failures.length, 1, failures.join('\n'));
  assert.match(failures[0] ?? '', 'Alert email not sent after 2 attempts: ETIMEDOUT: Greeting never received');
});

test('when 1,000 identical errors storm in, then one email goes out at once, a different error still gets its own, and one digest counts the rest', async () => {
  const server = await startSmtpTestServer();
  const timers = new ManualTimers();
  const { logging } = harness(server.port, { timers });
  for (let i = 0; i < 1_000; i += 1) {
    logging.logger.error('Unexpected error', profileCrash(), { errorId: `E-${i}`, method: 'GET', route: '/user/:username', path: `/user/u${i}` });
  }
  logging.logger.error('Unexpected error', registrationCrash(), { errorId: 'E-other', method: 'POST', path: '/register' });
  const atOnce = await server.waitForMessages(2);
  assert.equal(atOnce.map((mail) => mail.subject), ['Microblog Failure: TypeError', 'Microblog Failure: UniqueConstraintViolationException']);
  assert.match(atOnce[0]?.text ?? '', 'Reference id: E-0');

  timers.advance(WINDOW_MS);
  const [, , digest, ...more] = await server.waitForMessages(3);
  await logging.shutdown();
  await server.close();

  assert.equal(more, []);
  assert.is(digest?.subject, 'Microblog Failure: TypeError (999 more times)');
  assert.match(digest?.text ?? '', /happened 999 more times since \S+Z \(last at \S+Z\)/);
  assert.match(digest?.text ?? '', 'Latest reference ids: E-995, E-996, E-997, E-998, E-999');
  assert.is(server.received().length, 3);
});

test('when two different errors are logged, then two emails are sent', async () => {
  const server = await startSmtpTestServer();
  const { logging } = harness(server.port);
  logging.logger.error('Unexpected error', registrationCrash());
  logging.logger.error('Unexpected error', profileCrash());
  await server.waitForMessages(2);
  await logging.shutdown();
  await server.close();
  assert.equal(server.received().map((mail) => mail.subject).sort(), [
    'Microblog Failure: TypeError',
    'Microblog Failure: UniqueConstraintViolationException',
  ]);
});

test('when logging shuts down right after an error, then the pending email and the pending digest are sent first', async () => {
  const server = await startSmtpTestServer();
  const { logging, alerts } = harness(server.port, { timers: new ManualTimers() });
  for (let i = 0; i < 3; i += 1) logging.logger.error('Unexpected error', profileCrash());
  assert.is(alerts.pendingEmails(), 1);
  await logging.shutdown();
  assert.equal(server.received().map((mail) => mail.subject), ['Microblog Failure: TypeError', 'Microblog Failure: TypeError (2 more times)']);
  await server.close();
});

test.run();
