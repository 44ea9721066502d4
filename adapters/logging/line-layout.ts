import type { Layout, LoggingEvent } from 'log4js';
import { formatLogLine } from './log-line.js';
import type { Scrubber } from './scrub.js';

/** A log4js layout of one custom token: the whole line comes from formatLogLine. */
export function lineLayout(scrub: Scrubber): Layout {
  return { type: 'pattern', pattern: '%x{line}', tokens: { line: (event: LoggingEvent) => formatLogLine(event, scrub) } };
}
