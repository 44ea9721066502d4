// An appender that keeps events in memory, for tests: they inject it instead of the file and the
// alert emails, and assert on the exact lines the file would have received.
import type { LoggingEvent } from 'log4js';
import type { LogContext } from '../../domain/ports/logger.js';
import { LOCATION_KEY } from './call-site.js';
import { formatLogLine, locationOf } from './log-line.js';
import type { LogAppender, LogLevelName } from './log-appender.js';
import { createScrubber, type Scrubber } from './scrub.js';

export type RecordedLogEvent = Readonly<{
  level: string;
  message: string;
  /** The error given to `Logger.error`, if any. */
  error: unknown;
  context: LogContext;
  /** `file:line` of the code that logged, relative to the project. */
  location: string | undefined;
  /** The event formatted exactly as the log file would have it. */
  line: string;
}>;

export type MemoryLog = Readonly<{
  appender: LogAppender;
  events: () => readonly RecordedLogEvent[];
  lines: () => readonly string[];
  clear: () => void;
}>;

export function memoryAppender(options: Readonly<{ level?: LogLevelName; scrub?: Scrubber }> = {}): MemoryLog {
  const scrub = options.scrub ?? createScrubber();
  const recorded: RecordedLogEvent[] = [];
  const record = (event: LoggingEvent): void => {
    const [message, error] = event.data as unknown[];
    recorded.push({
      level: event.level.levelStr,
      message: String(message),
      error,
      context: withoutLocation(event.context as LogContext),
      location: locationOf(event),
      line: formatLogLine(event, scrub),
    });
  };
  return {
    appender: { level: options.level ?? 'debug', definition: { type: { configure: () => record } } },
    events: () => [...recorded],
    lines: () => recorded.map((event) => event.line),
    clear: () => {
      recorded.length = 0;
    },
  };
}

function withoutLocation(context: LogContext): LogContext {
  const { [LOCATION_KEY]: _location, ...rest } = context;
  return rest;
}
