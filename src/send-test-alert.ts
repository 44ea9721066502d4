// `npm run mail:test`: sends one alert email with the current mail configuration, straight through
// the mailer (not the background queue), and reports success or the exact SMTP error. Mail settings
// that silently do nothing are what users of the original struggle with most.
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, loadDotEnv, type MailConfig } from './config.js';
import { createMailer } from './logging.js';

function readMailConfig(): Readonly<{ mail: MailConfig; instanceDir: string }> {
  loadDotEnv();
  const config = loadConfig(process.env);
  if (config.mail === null) throw new ConfigError('MAIL_SERVER is not set, so no alert emails are sent; set MAIL_SERVER and ADMINS');
  return { mail: config.mail, instanceDir: config.instanceDir };
}

function destination(mail: MailConfig, instanceDir: string): string {
  if (mail.transport === 'file') return `into ${join(instanceDir, 'mail')} (MAIL_TRANSPORT=file)`;
  const security = mail.port === 465 ? 'implicit TLS' : mail.useTls ? 'STARTTLS' : 'no TLS';
  const login = mail.username ? `, as ${mail.username}` : ', without login';
  return `through ${mail.server}:${mail.port} (${security}${login})`;
}

async function main(): Promise<number> {
  let settings;
  try {
    settings = readMailConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`mail:test: configuration error: ${error.message}`);
    return 1;
  }
  const { mail, instanceDir } = settings;
  const mailer = createMailer(mail, instanceDir);
  const where = destination(mail, instanceDir);
  try {
    const sent = await mailer.send({
      to: mail.admins,
      subject: 'Microblog Failure: test alert',
      text: `This is a test alert sent by "npm run mail:test" on ${hostname()} at ${new Date().toISOString()}.\nAlert emails reach you.\n`,
    });
    if (sent.isErr()) {
      console.error(`mail:test: sending ${where} failed: ${sent.error.reason}`);
      return 1;
    }
    console.log(`mail:test: test alert sent ${where} to ${mail.admins.join(', ')}`);
    return 0;
  } finally {
    await mailer.close();
  }
}

process.exitCode = await main();
