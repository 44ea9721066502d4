// The log file of the Flask original's RotatingFileHandler: <directory>/microblog.log, rolled at
// 10 KB, 10 backups kept, INFO and up. When it cannot be written (the folder gone or read-only, the
// disk full), or cannot keep up and drops INFO lines, the app goes on serving: the trouble is said
// once on stderr and, as an ERROR, through the other channels (stdout, the alert emails, an error
// tracker), and once the file is written again and has caught up, the number of lines lost is logged.
import type { LoggingEvent } from 'log4js';
import path from 'node:path';
import type { LogContext, Logger } from '../../domain/ports/logger.js';
import { sharedLine } from './line-layout.js';
import { FAILED_CHANNEL, type LogAppender, type LogLevelName } from './log-appender.js';
import { RotatingLogFile, type RotatingLogFileOptions } from './rotating-log-file.js';
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
  /** Opens the file; tests pass one whose writes stall. */
  open?: RotatingLogFileOptions['open'];
}>;

const CHANNEL = 'file';
// How long the lines still queued at shutdown may take to be written.
const CLOSE_TIMEOUT_MS = 2_000;

/** The log file could not be opened, rolled or written. */
class LogFileUnwritable extends Error {
  override readonly name = 'LogFileUnwritable';
}

/** Lines came faster than the log file took them, and routine ones were dropped. */
class LogFileBehind extends Error {
  override readonly name = 'LogFileBehind';
}

export function rotatingFileAppender(options: RotatingFileOptions): LogAppender {
  const filePath = path.join(options.directory, options.fileName ?? 'microblog.log');
  const line = sharedLine(options.scrub);
  let reporter: Logger | undefined;

  // Under Node's cluster module log4js configures appenders in the primary alone, so only the
  // primary ever opens the file.
  // Said once on stderr, which needs nothing of the app, and through every channel but the file.
  const announce = (message: string, error: Error) => {
    process.stderr.write(`microblog: ${message}\n`);
    reporter?.error(message, error, { [FAILED_CHANNEL]: CHANNEL });
  };
  const configure = () => {
    const file = new RotatingLogFile({
      path: filePath,
      maxSize: options.maxLogSize ?? 10_240,
      backups: options.backups ?? 10,
      retryMs: options.retryMs ?? 2_000,
      open: options.open,
      onFailure: (error) => {
        // Node's file-system errors start with their code (ENOTDIR, ENOSPC, EACCES) and name the path.
        const reason = error instanceof Error ? error.message : String(error);
        announce(`The log file ${filePath} cannot be written (${reason}); its lines are lost until it can be`, new LogFileUnwritable(reason));
      },
      onOverflow: (pendingBytes) => {
        const reason = `${Math.round(pendingBytes / 1024)} KB of lines are waiting to be written`;
        announce(`The log file ${filePath} cannot keep up (${reason}); INFO lines are dropped until it does`, new LogFileBehind(reason));
      },
      onRecovery: (lostLines) => reporter?.info(`The log file ${filePath} is written again; ${lostLines} lines could not be written meanwhile`),
    });
    const receive = (event: LoggingEvent): void => {
      if ((event.context as LogContext)[FAILED_CHANNEL] === CHANNEL) return;
      file.append(`${line(event)}\n`, event.level.isGreaterThanOrEqualTo('warn') ? 'urgent' : 'routine');
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
