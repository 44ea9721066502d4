import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileMailer } from '../../adapters/mail/file-mailer.js';
import { InMemoryMailer } from '../../adapters/mail/in-memory-mailer.js';
import { NodemailerMailer } from '../../adapters/mail/nodemailer-mailer.js';
import { parseMail } from '../support/smtp-message.js';
import { startSmtpTestServer, unusedPort } from '../support/smtp-test-server.js';
import { mailerContract } from './mailer.contract.js';

const FROM = 'microblog@example.com';

mailerContract('NodemailerMailer with a real SMTP server', async () => {
  const server = await startSmtpTestServer();
  return {
    mailer: new NodemailerMailer({ host: server.host, port: server.port, useTls: false, from: FROM }),
    delivered: (count) => server.waitForMessages(count),
    refusing: async () => new NodemailerMailer({ host: server.host, port: await unusedPort(), useTls: false, from: FROM }),
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
    // A file where its folder should be: the mail has nowhere to go.
    refusing: async () => {
      const blocked = path.join(directory, 'blocked');
      await writeFile(blocked, '');
      return new FileMailer({ directory: path.join(blocked, 'mail'), from: FROM });
    },
    dispose: () => rm(directory, { recursive: true, force: true }),
  };
});

mailerContract('InMemoryMailer', async () => {
  const mailer = new InMemoryMailer({ from: FROM });
  const refusing = new InMemoryMailer({ from: FROM });
  refusing.refuse('550 mailbox unavailable');
  return {
    mailer,
    delivered: async () => [...mailer.sent, ...refusing.sent].map((mail) => ({
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html ?? null,
      attachments: (mail.attachments ?? []).map((file) => ({ ...file, content: Buffer.from(file.content) })),
    })),
    refusing: async () => refusing,
    dispose: async () => {},
  };
});
