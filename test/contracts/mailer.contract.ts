import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Mailer } from '../../domain/ports/mailer.js';
import type { ParsedMail } from '../support/smtp-message.js';

/** A mailer with a way to read back what it delivered, whatever "delivered" means for the adapter. */
export type MailerUnderTest = Readonly<{
  mailer: Mailer;
  /** The messages delivered so far, once `count` of them are there. */
  delivered: (count: number) => Promise<readonly ParsedMail[]>;
  dispose: () => Promise<void>;
}>;

/** What every Mailer must do; run against the SMTP adapter and the development adapter alike. */
export function mailerContract(name: string, open: () => Promise<MailerUnderTest>): void {
  const test = suite<{ subject: MailerUnderTest }>(`Mailer contract: ${name}`, {} as { subject: MailerUnderTest });
  test.before.each(async (context) => {
    context.subject = await open();
  });
  test.after.each(async (context) => {
    await context.subject.mailer.close();
    await context.subject.dispose();
  });

  test('when a message is sent, then exactly it is delivered with its recipients, subject and text', async ({ subject }) => {
    await subject.mailer.send({ to: ['admin@example.com', 'ops@example.com'], subject: 'Microblog Failure: TypeError', text: 'Reference id: abc123\nline two' });
    const [mail, ...others] = await subject.delivered(1);
    assert.equal(others, []);
    assert.equal(mail?.to, ['admin@example.com', 'ops@example.com']);
    assert.is(mail?.from, 'microblog@example.com');
    assert.is(mail?.subject, 'Microblog Failure: TypeError');
    assert.match(mail?.text ?? '', 'Reference id: abc123\nline two');
  });

  test('when the text is not ASCII, then it arrives intact', async ({ subject }) => {
    await subject.mailer.send({ to: ['admin@example.com'], subject: 'Échec — 失敗', text: 'Ünïcödé body ✓' });
    const [mail] = await subject.delivered(1);
    assert.is(mail?.subject, 'Échec — 失敗');
    assert.match(mail?.text ?? '', 'Ünïcödé body ✓');
  });

  test('when two messages are sent, then both are delivered separately', async ({ subject }) => {
    await subject.mailer.send({ to: ['a@example.com'], subject: 'first', text: 'one' });
    await subject.mailer.send({ to: ['b@example.com'], subject: 'second', text: 'two' });
    const mails = await subject.delivered(2);
    assert.equal(mails.map((mail) => [mail.to, mail.subject]), [[['a@example.com'], 'first'], [['b@example.com'], 'second']]);
  });

  test.run();
}
