import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Mailer } from '../../domain/ports/mailer.js';
import type { ParsedMail } from '../support/smtp-message.js';

/** A mailer with a way to read back what it delivered, whatever "delivered" means for the adapter. */
export type MailerUnderTest = Readonly<{
  mailer: Mailer;
  /** The messages delivered so far, once `count` of them are there. */
  delivered: (count: number) => Promise<readonly ParsedMail[]>;
  /** A mailer of the same kind whose transport cannot take the message (a refused port, an unwritable folder). */
  refusing: () => Promise<Mailer>;
  dispose: () => Promise<void>;
}>;

/** What every Mailer must do; run against every adapter of the port. */
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
    const sent = await subject.mailer.send({ to: ['admin@example.com', 'ops@example.com'], subject: 'Microblog Failure: TypeError', text: 'Reference id: abc123\nline two' });
    assert.ok(sent.isOk());
    const [mail, ...others] = await subject.delivered(1);
    assert.equal(others, []);
    assert.equal(mail?.to, ['admin@example.com', 'ops@example.com']);
    assert.is(mail?.from, 'microblog@example.com');
    assert.is(mail?.subject, 'Microblog Failure: TypeError');
    assert.match(mail?.text ?? '', 'Reference id: abc123\nline two');
    assert.is(mail?.html, null, 'no HTML part was asked for');
    assert.equal(mail?.attachments, [], 'no file was asked for');
  });

  test('when a message has an HTML body, then both bodies are delivered', async ({ subject }) => {
    const html = '<p>To reset your password <a href="https://microblog.example/reset_password/abc">click here</a>.</p>';
    await subject.mailer.send({ to: ['susan@example.com'], subject: '[Microblog] Reset Your Password', text: 'Dear susan,\n\nhttps://microblog.example/reset_password/abc', html });
    const [mail] = await subject.delivered(1);
    assert.match(mail?.text ?? '', 'Dear susan,\n\nhttps://microblog.example/reset_password/abc');
    assert.match(mail?.html ?? '', html);
  });

  test('when the text is not ASCII, then it arrives intact', async ({ subject }) => {
    await subject.mailer.send({ to: ['admin@example.com'], subject: 'Échec — 失敗', text: 'Ünïcödé body ✓', html: '<p>Ünïcödé ✓</p>' });
    const [mail] = await subject.delivered(1);
    assert.is(mail?.subject, 'Échec — 失敗');
    assert.match(mail?.text ?? '', 'Ünïcödé body ✓');
    assert.match(mail?.html ?? '', '<p>Ünïcödé ✓</p>');
  });

  test('when a message carries attachments, then each arrives with its name and type, byte for byte, beside both bodies', async ({ subject }) => {
    const json = JSON.stringify({ posts: [{ body: 'Ünïcödé ✓ 🙂 <b>&amp;</b>\r\n=3D', timestamp: '2026-05-01T10:00:00.000Z' }] });
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const sent = await subject.mailer.send({
      to: ['susan@example.com'],
      subject: '[Microblog] Your blog posts',
      text: 'Dear susan,',
      html: '<p>Dear susan,</p>',
      attachments: [
        { filename: 'posts.json', contentType: 'application/json', content: json },
        { filename: 'every-byte.bin', contentType: 'application/octet-stream', content: bytes },
      ],
    });
    assert.ok(sent.isOk());
    const [mail] = await subject.delivered(1);
    assert.match(mail?.text ?? '', 'Dear susan,');
    assert.match(mail?.html ?? '', '<p>Dear susan,</p>');
    assert.equal(mail?.attachments.map((file) => [file.filename, file.contentType]), [['posts.json', 'application/json'], ['every-byte.bin', 'application/octet-stream']]);
    assert.is(mail?.attachments[0]?.content.toString('utf8'), json);
    assert.ok(mail?.attachments[1]?.content.equals(Buffer.from(bytes)), 'every byte value arrives as sent');
  });

  test('when two messages are sent, then both are delivered separately', async ({ subject }) => {
    await subject.mailer.send({ to: ['a@example.com'], subject: 'first', text: 'one' });
    await subject.mailer.send({ to: ['b@example.com'], subject: 'second', text: 'two' });
    const mails = await subject.delivered(2);
    assert.equal(mails.map((mail) => [mail.to, mail.subject]), [[['a@example.com'], 'first'], [['b@example.com'], 'second']]);
  });

  test('when the transport cannot take the message, then sending resolves to MailNotSent with its reason and nothing is delivered', async ({ subject }) => {
    const refusing = await subject.refusing();
    try {
      const sent = await refusing.send({ to: ['a@example.com'], subject: 'lost', text: 'never arrives' });
      assert.ok(sent.isErr());
      assert.is(sent.error.type, 'MailNotSent');
      assert.ok(sent.error.reason.trim().length > 0, 'the reason says why');
      assert.not.match(sent.error.reason, '\n', 'the reason is one line');
      assert.equal(await subject.delivered(0), []);
    } finally {
      await refusing.close();
    }
  });

  test.run();
}
