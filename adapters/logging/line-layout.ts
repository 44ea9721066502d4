import type { Layout, LoggingEvent } from 'log4js';
import { formatLogLine } from './log-line.js';
import type { Scrubber } from './scrub.js';

// The file and stdout appenders write the same line for each event: it is formatted (and
// scrubbed) once, when the first of them asks, rather than once per appender.
const formatted = new WeakMap<LoggingEvent, Readonly<{ scrub: Scrubber; line: string }>>();

/** The event's line, formatted by whichever appender asks first. */
export function sharedLine(scrub: Scrubber): (event: LoggingEvent) => string {
  return (event) => {
    const known = formatted.get(event);
    if (known?.scrub === scrub) return known.line;
    const text = formatLogLine(event, scrub);
    formatted.set(event, { scrub, line: text });
    return text;
  };
}

/** A log4js layout of one custom token: the whole line comes from formatLogLine. */
export function lineLayout(scrub: Scrubber): Layout {
  return { type: 'pattern', pattern: '%x{line}', tokens: { line: sharedLine(scrub) } };
}
