import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileMailer } from '../../adapters/mail/file-mailer.js';
import { NodemailerMailer } from '../../adapters/mail/nodemailer-mailer.js';
import { parseMail } from '../support/smtp-message.js';
import { startSmtpTestServer } from '../support/smtp-test-server.js';
import { mailerContract } from './mailer.contract.js';

const FROM = 'microblog@example.com';

mailerContract('NodemailerMailer with a real SMTP server', async () => {
  const server = await startSmtpTestServer();
  return {
    mailer: new NodemailerMailer({ host: server.host, port: server.port, useTls: false, from: FROM }),
    delivered: (count) => server.waitForMessages(count),
    dispose: () => server.close(),
  };
});

mailerContract('FileMailer', async () => {
  const directory = await mkdtemp(path.join(tmpdir(), 'microblog-mail-'));
  return {
    mailer: new FileMailer({ directory, from: FROM }),
    // File names start with the time, so sorting them gives the order of sending.
    delivered: async () => {
      const names = (await readdir(directory)).filter((name) => name.endsWith('.eml')).sort();
      return Promise.all(names.map(async (name) => parseMail(await readFile(path.join(directory, name), 'utf8'))));
    },
    dispose: () => rm(directory, { recursive: true, force: true }),
  };
});
