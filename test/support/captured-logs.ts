import { configureLogging, type Logging } from '../../adapters/logging/configure-logging.js';
import type { ErrorReporter } from '../../adapters/logging/error-reporter.js';
import type { LogAppender } from '../../adapters/logging/log-appender.js';
import { memoryAppender } from '../../adapters/logging/memory-appender.js';
import type { Logger } from '../../domain/ports/logger.js';

export type CapturedLogs = Readonly<{
  logger: Logger;
  aroundRequest: Logging['aroundRequest'];
  /** Every line as the log file would hold it, stack lines included. */
  lines: () => readonly string[];
  text: () => string;
  shutdown: () => Promise<void>;
}>;

/**
 * The real logger, writing into memory instead of a file: nothing reaches logs/ or a mail server
 * unless a test adds an appender for it (alert emails to an in-process SMTP server, say).
 */
export function captureLogs(extra: Readonly<Record<string, LogAppender>> = {}, reporters: readonly ErrorReporter[] = []): CapturedLogs {
  const memory = memoryAppender();
  const { logger, aroundRequest, shutdown } = configureLogging({ appenders: { memory: memory.appender, ...extra }, reporters });
  return { logger, aroundRequest, lines: memory.lines, text: () => memory.lines().join('\n'), shutdown };
}
