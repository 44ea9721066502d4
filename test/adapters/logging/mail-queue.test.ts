import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MailQueue } from '../../../adapters/logging/alerts/mail-queue.js';
import { err, ok, type Result, type ResultAsync } from 'neverthrow';
import { mailNotSent, type MailNotSent } from '../../../domain/errors.js';
import type { Mailer, MailMessage } from '../../../domain/ports/mailer.js';
import { instantTimers } from '../../support/log-timers.js';
import { resultOf } from '../../support/result-of.js';

/** A mailer that answers each send with the next outcome of its script, then succeeds. */
class ScriptedMailer implements Mailer {
  readonly sent: string[] = [];
  attempts = 0;

  constructor(private readonly script: ('fail' | 'ok' | 'hang' | 'throw')[]) {}

  send(message: MailMessage): ResultAsync<void, MailNotSent> {
    return resultOf(this.scripted(message));
  }

  private async scripted(message: MailMessage): Promise<Result<void, MailNotSent>> {
    this.attempts += 1;
    const outcome = this.script.shift() ?? 'ok';
    if (outcome === 'hang') return new Promise(() => undefined);
    if (outcome === 'fail') return err(mailNotSent('ESOCKET: connect ECONNREFUSED 127.0.0.1:25', 'transient'));
    if (outcome === 'throw') throw new TypeError('Cannot read properties of undefined');
    this.sent.push(message.subject);
    return ok(undefined);
  }

  async close(): Promise<void> {}
}

function queueOver(mailer: Mailer, capacity = 10): { queue: MailQueue; failures: string[]; warnings: string[]; notes: string[] } {
  const failures: string[] = [];
  const warnings: string[] = [];
  const notes: string[] = [];
  const queue = new MailQueue({
    mailer,
    capacity,
    maxAttempts: 3,
    retryBackoffMs: 1_000,
    timers: instantTimers,
    report: { gaveUp: (message) => failures.push(message), warn: (message) => warnings.push(message), info: (message) => notes.push(message) },
    describeFailure: (failure) => failure.reason,
  });
  return { queue, failures, warnings, notes };
}

const mail = (subject: string): MailMessage => ({ to: ['admin@example.com'], subject, text: '' });

test('when sending fails and then works within the attempts, then the message is sent once and nothing is reported', async () => {
  const mailer = new ScriptedMailer(['fail', 'fail', 'ok']);
  const { queue, failures, warnings } = queueOver(mailer);
  queue.enqueue(mail('one'));
  assert.is(await queue.drain(1_000), 0);
  assert.equal(mailer.sent, ['one']);
  assert.is(mailer.attempts, 3);
  assert.equal(failures, []);
  assert.equal(warnings, []);
});

test('when every attempt fails for several messages, then the failure is reported once, and recovery once', async () => {
  const mailer = new ScriptedMailer(['fail', 'fail', 'fail', 'fail', 'fail', 'fail', 'ok']);
  const { queue, failures, notes } = queueOver(mailer);
  queue.enqueue(mail('one'));
  queue.enqueue(mail('two'));
  queue.enqueue(mail('three'));
  await queue.drain(1_000);
  assert.is(mailer.attempts, 7);
  assert.equal(failures, [
    'Alert email not sent after 3 attempts: ESOCKET: connect ECONNREFUSED 127.0.0.1:25 (further failures are not logged until an alert email gets through)',
  ]);
  assert.equal(mailer.sent, ['three']);
  assert.equal(notes, ['Alert emails are being delivered again']);
});

test('when the queue is full, then the oldest waiting message is dropped and the drops are counted', async () => {
  const mailer = new ScriptedMailer([]);
  const { queue, warnings, notes } = queueOver(mailer, 2);
  for (const subject of ['a', 'b', 'c', 'd']) queue.enqueue(mail(subject));
  assert.is(queue.pending, 2);
  await queue.drain(1_000);
  assert.equal(mailer.sent, ['c', 'd']);
  assert.equal(warnings, ['Alert email queue is full (2); dropping the oldest alerts']);
  assert.equal(notes, ['2 alert emails were dropped because the queue was full']);
});

test('when the mailer throws instead of answering, then the queue reports it once and goes on with the next message', async () => {
  const mailer = new ScriptedMailer(['throw', 'throw', 'throw', 'ok']);
  const { queue, failures } = queueOver(mailer);
  queue.enqueue(mail('one'));
  queue.enqueue(mail('two'));
  assert.is(await queue.drain(1_000), 0);
  assert.equal(mailer.sent, ['two']);
  assert.equal(failures, [
    'Alert email not sent after 3 attempts: the mailer failed unexpectedly: TypeError: Cannot read properties of undefined ' +
      '(further failures are not logged until an alert email gets through)',
  ]);
});

test('when the mail server hangs, then drain gives up after its timeout and says how many are left', async () => {
  const { queue } = queueOver(new ScriptedMailer(['hang']));
  queue.enqueue(mail('one'));
  queue.enqueue(mail('two'));
  assert.is(await queue.drain(50), 2);
});

test.run();
