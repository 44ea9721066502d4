// The log file of the Flask original's RotatingFileHandler: <directory>/microblog.log, rolled at
// 10 KB, 10 backups kept, INFO and up. When it cannot be written (the folder gone or read-only, the
// disk full) the app goes on serving: the failure is said once on stderr and, as an ERROR, through
// the other channels (stdout, the alert emails, an error tracker), and the file is tried again
// until it can be written, when the number of lines lost is logged.
import type { LoggingEvent } from 'log4js';
import path from 'node:path';
import type { LogContext, Logger } from '../../domain/ports/logger.js';
import { sharedLine } from './line-layout.js';
import { FAILED_CHANNEL, type LogAppender, type LogLevelName } from './log-appender.js';
import { RotatingLogFile } from './rotating-log-file.js';
import type { Scrubber } from './scrub.js';

export type RotatingFileOptions = Readonly<{
  directory: string;
  scrub: Scrubber;
  fileName?: string;
  maxLogSize?: number;
  backups?: number;
  level?: LogLevelName;
  /** How often an unwritable file is tried again. Defaults to 2 seconds. */
  retryMs?: number;
}>;

const CHANNEL = 'file';
// How long the lines still queued at shutdown may take to be written.
const CLOSE_TIMEOUT_MS = 2_000;

/** The log file could not be opened, rolled or written. */
class LogFileUnwritable extends Error {
  override readonly name = 'LogFileUnwritable';
}

export function rotatingFileAppender(options: RotatingFileOptions): LogAppender {
  const filePath = path.join(options.directory, options.fileName ?? 'microblog.log');
  const line = sharedLine(options.scrub);
  let reporter: Logger | undefined;

  // Under Node's cluster module log4js configures appenders in the primary alone, so only the
  // primary ever opens the file.
  const configure = () => {
    const file = new RotatingLogFile({
      path: filePath,
      maxSize: options.maxLogSize ?? 10_240,
      backups: options.backups ?? 10,
      retryMs: options.retryMs ?? 2_000,
      onFailure: (error) => {
        // Node's file-system errors start with their code (ENOTDIR, ENOSPC, EACCES) and name the path.
        const reason = error instanceof Error ? error.message : String(error);
        const message = `The log file ${filePath} cannot be written (${reason}); its lines are lost until it can be`;
        process.stderr.write(`microblog: ${message}\n`);
        reporter?.error(message, new LogFileUnwritable(reason), { [FAILED_CHANNEL]: CHANNEL });
      },
      onRecovery: (lostLines) => reporter?.info(`The log file ${filePath} is written again; ${lostLines} lines could not be written meanwhile`),
    });
    const receive = (event: LoggingEvent): void => {
      if ((event.context as LogContext)[FAILED_CHANNEL] === CHANNEL) return;
      file.append(`${line(event)}\n`);
    };
    receive.shutdown = (done: () => void) => void file.close(CLOSE_TIMEOUT_MS).then(done);
    return receive;
  };

  return {
    level: options.level ?? 'info',
    definition: { type: { configure } },
    reportTo: (logger) => {
      reporter = logger;
    },
  };
}
