// `npm run alerts:test`: sends a test alert through every configured channel, the alert email and
// the error tracker, each straight away (not through the background queues the app uses), and
// prints per channel whether it was accepted or the exact reason it was not. Alert settings that
// silently do nothing are what users of the original struggle with most.
import { hostname } from 'node:os';
import { join } from 'node:path';
import { createScrubber } from '../adapters/logging/scrub.js';
import { ConfigError, loadConfig, loadDotEnv, type Config, type MailConfig, type TrackerConfig } from './config.js';
import { startErrorTracker } from './error-tracker.js';
import { createMailer } from './logging.js';
import { PROJECT_ROOT } from './paths.js';

const PREFIX = 'alerts:test:';
const TRACKER_ANSWER_TIMEOUT_MS = 10_000;

type Channel = Readonly<{ name: string; send: (text: string) => Promise<{ accepted: string } | { failed: string }> }>;

function readConfig(): Config {
  loadDotEnv();
  const config = loadConfig(process.env);
  if (!alertsByEmail(config.mail) && config.tracker === null) {
    throw new ConfigError('no alert channel is configured: set MAIL_SERVER and ADMINS for alert emails, or SENTRY_DSN for an error tracker');
  }
  return config;
}

function alertsByEmail(mail: MailConfig | null): mail is MailConfig {
  return mail !== null && mail.admins.length > 0;
}

function emailChannel(mail: MailConfig, instanceDir: string): Channel {
  const where = mail.transport === 'file' ? `into ${join(instanceDir, 'mail')} (MAIL_TRANSPORT=file)` : `through ${smtpServer(mail)}`;
  return {
    name: 'email',
    send: async (text) => {
      const mailer = createMailer(mail, instanceDir);
      try {
        const sent = await mailer.send({ to: mail.admins, subject: 'Microblog Failure: test alert', text: `${text}\nAlert emails reach you.\n` });
        return sent.match(
          () => ({ accepted: `test alert sent ${where} to ${mail.admins.join(', ')}` }),
          (refusal) => ({ failed: `sending ${where} failed: ${refusal.reason}` }),
        );
      } finally {
        await mailer.close();
      }
    },
  };
}

function smtpServer(mail: MailConfig): string {
  const security = mail.port === 465 ? 'implicit TLS' : mail.useTls ? 'STARTTLS' : 'no TLS';
  const login = mail.username ? `, as ${mail.username}` : ', without login';
  return `${mail.server}:${mail.port} (${security}${login})`;
}

function trackerChannel(tracker: TrackerConfig, scrub: ReturnType<typeof createScrubber>): Channel {
  // Host and project only: the DSN's key stays off the terminal.
  const dsn = new URL(tracker.dsn);
  const where = `${dsn.host}, project ${dsn.pathname.split('/').pop() ?? '?'}`;
  return {
    name: 'tracker',
    send: async (text) => {
      const reporter = await startErrorTracker(tracker, scrub, PROJECT_ROOT);
      try {
        const sent = await reporter.sendTestReport(text, TRACKER_ANSWER_TIMEOUT_MS);
        return sent.match(() => ({ accepted: `test event accepted by ${where}` }), (refusal) => ({ failed: `sending to ${where} failed: ${refusal}` }));
      } finally {
        await reporter.close(2_000);
      }
    },
  };
}

async function main(): Promise<number> {
  let config;
  try {
    config = readConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`${PREFIX} configuration error: ${error.message}`);
    return 1;
  }
  // A server's reply might quote the SMTP password; it must not reach a terminal log.
  const scrub = createScrubber([config.mail?.password ?? undefined]);
  const channels = [
    ...(alertsByEmail(config.mail) ? [emailChannel(config.mail, config.instanceDir)] : []),
    ...(config.tracker ? [trackerChannel(config.tracker, scrub)] : []),
  ];
  const text = `This is a test alert sent by "npm run alerts:test" on ${hostname()} at ${new Date().toISOString()}.`;
  let failures = 0;
  for (const channel of channels) {
    const outcome = await channel.send(text);
    if ('accepted' in outcome) {
      console.log(`${PREFIX} ${channel.name}: ${outcome.accepted}`);
    } else {
      failures += 1;
      console.error(`${PREFIX} ${channel.name}: ${scrub(outcome.failed)}`);
    }
  }
  return failures === 0 ? 0 : 1;
}

process.exitCode = await main();
