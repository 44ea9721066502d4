// The log4js appender that emails ERROR events to the administrators through the Mailer port
// (an injected port, so tests and other transports plug in), in place of the Flask original's synchronous SMTPHandler. Receiving an event only
// groups it and queues mail: the logging call returns at once whatever the mail server does.
import type { LoggingEvent } from 'log4js';
import type { LogContext, Logger } from '../../../domain/ports/logger.js';
import type { Mailer } from '../../../domain/ports/mailer.js';
import { FAILED_CHANNEL, type LogAppender } from '../log-appender.js';
import { loggable } from '../one-line.js';
import type { Scrubber } from '../scrub.js';
import { alertFromEvent } from './alert.js';
import { alertEmail, digestEmail, type AlertAddressing } from './alert-email.js';
import { AlertGroups } from './alert-groups.js';
import { MailQueue } from './mail-queue.js';
import { backgroundTimers, type Timers } from './timers.js';

export type EmailAlertOptions = Readonly<{
  mailer: Mailer;
  /** The administrators (ADMINS). */
  to: readonly string[];
  scrub: Scrubber;
  /** Defaults to "Microblog Failure", the original's subject. */
  subject?: string;
  /** Repeats of an error within this window are summed up in one digest. Defaults to 10 minutes. */
  groupWindowMs?: number;
  maxGroups?: number;
  queueCapacity?: number;
  maxAttempts?: number;
  retryBackoffMs?: number;
  timers?: Timers;
}>;

export type EmailAlerts = LogAppender &
  Readonly<{
    /** Alert emails waiting or being sent. */
    pendingEmails: () => number;
  }>;

export function emailAlertAppender(options: EmailAlertOptions): EmailAlerts {
  if (options.to.length === 0) throw new Error('emailAlertAppender needs at least one recipient');
  const addressing: AlertAddressing = { to: options.to, subject: options.subject ?? 'Microblog Failure' };
  const timers = options.timers ?? backgroundTimers;
  let reporter: Logger | undefined;

  const queue = new MailQueue({
    mailer: options.mailer,
    capacity: options.queueCapacity ?? 100,
    maxAttempts: options.maxAttempts ?? 4,
    retryBackoffMs: options.retryBackoffMs ?? 1_000,
    timers,
    report: {
      // An ERROR, so the log file and an error tracker say it; the alert emails skip it.
      gaveUp: (message) => reporter?.error(message, new AlertEmailUndeliverable(message), { [FAILED_CHANNEL]: CHANNEL }),
      warn: (message) => reporter?.warn(message),
      info: (message) => reporter?.info(message),
    },
    describeFailure: (failure) => loggable(failure.reason, options.scrub),
  });
  const groups = new AlertGroups({
    windowMs: options.groupWindowMs ?? 10 * 60_000,
    maxGroups: options.maxGroups ?? 1_000,
    timers,
    onFirst: (alert) => queue.enqueue(alertEmail(alert, addressing)),
    onDigest: (digest) => queue.enqueue(digestEmail(digest, addressing)),
  });

  const receive = (event: LoggingEvent): void => {
    if ((event.context as LogContext)[FAILED_CHANNEL] === CHANNEL) return;
    try {
      groups.record(alertFromEvent(event, options.scrub));
    } catch (failure) {
      reporter?.warn(`Could not prepare an alert email: ${errorName(failure)}`);
    }
  };

  return {
    level: 'error',
    definition: { type: { configure: () => receive } },
    reportTo: (logger) => {
      reporter = logger;
    },
    flush: async (timeoutMs) => {
      groups.closeAll();
      const left = await queue.drain(timeoutMs);
      if (left > 0) reporter?.warn(`${left} alert emails were not sent before shutdown`);
    },
    pendingEmails: () => queue.pending,
  };
}

const CHANNEL = 'email';

/** An alert email dropped after its last attempt: the mail server refused it or could not be reached. */
class AlertEmailUndeliverable extends Error {
  override readonly name = 'AlertEmailUndeliverable';
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
