import { join } from 'node:path';
import type { LoggingEvent } from 'log4js';
import { emailAlertAppender } from '../adapters/logging/alerts/email-alert-appender.js';
import { configureLogging, type Logging } from '../adapters/logging/configure-logging.js';
import type { LogAppender } from '../adapters/logging/log-appender.js';
import { formatLogLine } from '../adapters/logging/log-line.js';
import { rotatingFileAppender } from '../adapters/logging/rotating-file-appender.js';
import { createScrubber, type Scrubber } from '../adapters/logging/scrub.js';
import { FileMailer } from '../adapters/mail/file-mailer.js';
import { NodemailerMailer } from '../adapters/mail/nodemailer-mailer.js';
import type { Mailer } from '../domain/ports/mailer.js';
import type { Config, MailConfig } from './config.js';

/**
 * The app's logging: the rotating file of the original, the same lines on stdout, and, when mail
 * is configured and the app is not in debug mode, alert emails to the administrators.
 */
export function startLogging(config: Config, secretKey: string): Logging {
  const scrub = createScrubber([secretKey, config.mail?.password ?? undefined]);
  const appenders: Record<string, LogAppender> = {
    file: rotatingFileAppender({ directory: config.logDir, scrub }),
    console: consoleAppender(scrub),
  };
  if (config.mail && !config.debug) {
    appenders.alerts = emailAlertAppender({ mailer: createMailer(config.mail, config.instanceDir), to: config.mail.admins, scrub });
  }
  return configureLogging({ appenders });
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

function consoleAppender(scrub: Scrubber): LogAppender {
  return {
    level: 'info',
    definition: { type: 'stdout', layout: { type: 'pattern', pattern: '%x{line}', tokens: { line: (event: LoggingEvent) => formatLogLine(event, scrub) } } },
  };
}
