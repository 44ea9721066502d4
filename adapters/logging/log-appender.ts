// An appender as the composition root injects it into `configureLogging`: the rotating file, the
// alert emails, or the in-memory recorder of the tests. Tests that inject only the last can never
// write to logs/ or send mail by accident.
import type { Appender } from 'log4js';
import type { Logger } from '../../domain/ports/logger.js';

export type LogLevelName = 'debug' | 'info' | 'warn' | 'error';

export type LogAppender = Readonly<{
  /** The lowest level of event this appender receives. */
  level: LogLevelName;
  /** A log4js appender definition: a core type (`file`) or a custom module (`{ configure }`). */
  definition: Appender;
  /** Lets an appender report its own trouble (a dead mail server) through the others. */
  reportTo?: (logger: Logger) => void;
  /** Finishes pending work (queued mail) before log4js shuts down; gives up after `timeoutMs`. */
  flush?: (timeoutMs: number) => Promise<void>;
}>;

/**
 * The context key of an ERROR about a reporting channel's own failure (the alert emails, the log
 * file), naming that channel: it is said through every other channel, and the failing one skips it
 * rather than try to deliver news of its own failure.
 */
export const FAILED_CHANNEL = 'failedChannel';
