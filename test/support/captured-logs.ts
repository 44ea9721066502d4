import type { LoggingEvent } from 'log4js';
import { configureLogging } from '../../adapters/logging/configure-logging.js';
import { formatLogLine } from '../../adapters/logging/log-line.js';
import { createScrubber } from '../../adapters/logging/scrub.js';
import type { Logger } from '../../domain/ports/logger.js';

export type CapturedLogs = Readonly<{
  logger: Logger;
  /** Every line as the log file would hold it, stack lines included. */
  lines: string[];
  text: () => string;
  shutdown: () => Promise<void>;
}>;

/** The real logger, writing into memory instead of a file: nothing reaches logs/ or a mail server. */
export function captureLogs(): CapturedLogs {
  const lines: string[] = [];
  const scrub = createScrubber();
  const { logger, shutdown } = configureLogging({
    appenders: {
      memory: {
        level: 'debug',
        definition: { type: { configure: () => (event: LoggingEvent) => { lines.push(formatLogLine(event, scrub)); } } },
      },
    },
  });
  return { logger, lines, text: () => lines.join('\n'), shutdown };
}
