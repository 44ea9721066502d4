import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FileMailer } from '../../../adapters/mail/file-mailer.js';
import { parseMail } from '../../support/smtp-message.js';

test('when the mail folder does not exist yet, then it is created and holds one .eml file per message', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'microblog-mail-'));
  const directory = path.join(root, 'not', 'yet');
  try {
    await new FileMailer({ directory, from: 'microblog@example.com' }).send({ to: ['admin@example.com'], subject: 'hi', text: 'body' });
    const names = await readdir(directory);
    assert.is(names.length, 1);
    assert.match(names[0] ?? '', /\.eml$/);
    assert.is(parseMail(await readFile(path.join(directory, names[0] ?? ''), 'utf8')).subject, 'hi');
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test.run();
