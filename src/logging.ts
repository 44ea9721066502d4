import { join } from 'node:path';
import { emailAlertAppender } from '../adapters/logging/alerts/email-alert-appender.js';
import { configureLogging, type Logging } from '../adapters/logging/configure-logging.js';
import type { LogAppender } from '../adapters/logging/log-appender.js';
import { rotatingFileAppender } from '../adapters/logging/rotating-file-appender.js';
import { createScrubber } from '../adapters/logging/scrub.js';
import { stdoutAppender } from '../adapters/logging/stdout-appender.js';
import { FileMailer } from '../adapters/mail/file-mailer.js';
import { NodemailerMailer } from '../adapters/mail/nodemailer-mailer.js';
import type { Mailer } from '../domain/ports/mailer.js';
import type { Config, MailConfig } from './config.js';
import { startErrorTracker } from './error-tracker.js';

/**
 * The app's logging: the rotating file of the original, the same lines on stdout, when mail and
 * ADMINS are configured and the app is not in debug mode alert emails to the administrators, and when
 * SENTRY_DSN is set an error tracker.
 */
export async function startLogging(config: Config, secretKeys: readonly string[], projectRoot: string): Promise<Logging> {
  const scrub = createScrubber([...secretKeys, config.mail?.password ?? undefined]);
  const appenders: Record<string, LogAppender> = {
    file: rotatingFileAppender({ directory: config.logDir, scrub }),
    stdout: stdoutAppender({ scrub }),
  };
  const mailer = config.mail && !config.debug ? createMailer(config.mail, config.instanceDir) : null;
  if (config.mail && mailer && config.mail.admins.length > 0) appenders.alerts = emailAlertAppender({ mailer, to: config.mail.admins, scrub });
  const reporters = config.tracker ? [await startErrorTracker(config.tracker, scrub, projectRoot)] : [];
  const logging = configureLogging({ appenders, reporters, projectRoot });
  return {
    ...logging,
    // The alert appender flushes its queue during logging's shutdown; the mailer is closed after it.
    shutdown: async () => {
      await logging.shutdown();
      await mailer?.close();
    },
  };
}

export function createMailer(mail: MailConfig, instanceDir: string): Mailer {
  if (mail.transport === 'file') return new FileMailer({ directory: join(instanceDir, 'mail'), from: mail.from });
  return new NodemailerMailer({
    host: mail.server,
    port: mail.port,
    useTls: mail.useTls,
    from: mail.from,
    ...(mail.username ? { username: mail.username } : {}),
    ...(mail.password ? { password: mail.password } : {}),
  });
}
