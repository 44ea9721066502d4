// The log file's lines on stdout too, where a terminal, systemd or a container runtime reads them.
//
// Whatever reads stdout may go away while the app runs (the terminal closed, the process that
// started the app ended): every write then fails with EPIPE. log4js' own stdout appender leaves that
// error unhandled, so it became an uncaught exception, whose "Fatal" line was logged to stdout,
// failed again, and so on: a loop through process.nextTick that kept a core busy, starved the event
// loop (so the log file's writes were buffered in memory, never written, and the stop never ended)
// and grew the memory by the line each turn. Here a failing stdout is let go once and for all: the
// file keeps every line, and says once that stdout is gone.
import type { LoggingEvent } from 'log4js';
import type { Logger } from '../../domain/ports/logger.js';
import type { LogAppender, LogLevelName } from './log-appender.js';
import { sharedLine } from './line-layout.js';
import type { Scrubber } from './scrub.js';

export type StdoutOptions = Readonly<{
  scrub: Scrubber;
  level?: LogLevelName;
  /** process.stdout; tests pass a stream whose reader they can take away. */
  stream?: NodeJS.WritableStream;
}>;

export function stdoutAppender(options: StdoutOptions): LogAppender {
  const stream = options.stream ?? process.stdout;
  let gone: string | null = null;
  let reporter: Logger | undefined;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (gone !== null) return;
    gone = error.code ?? error.name;
    reporter?.warn(`Log lines can no longer be written to stdout (${gone}); they go to the log file only`);
  });
  const line = sharedLine(options.scrub);
  const write = (event: LoggingEvent): void => {
    if (gone === null) stream.write(`${line(event)}\n`);
  };
  return {
    level: options.level ?? 'info',
    definition: { type: { configure: () => write } },
    reportTo: (logger) => {
      reporter = logger;
    },
  };
}
