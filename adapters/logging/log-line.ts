// The line shape of the log file, after the Flask original
// `%(asctime)s %(levelname)s: %(message)s [in %(pathname)s:%(lineno)d]`, plus the context (request
// id, user id, ...) as key=value pairs, and for errors the stack on the following lines. Those lines
// start with a class name, "Caused by:" or whitespace, never with a time as every event line does.
import type { LoggingEvent } from 'log4js';
import { describeError } from './error-text.js';
import { toOneLine } from './one-line.js';
import type { Scrubber } from './scrub.js';

export function formatLogLine(event: LoggingEvent, scrub: Scrubber): string {
  const [message, ...rest] = event.data as unknown[];
  const line =
    `${event.startTime.toISOString()} ${event.level.levelStr}: ${toOneLine(scrub(String(message)))}` +
    location(event) +
    formatContext(event.context as Record<string, unknown>, scrub);
  return rest.length > 0 ? `${line}\n${describeError(rest[0], scrub)}` : line;
}

function location(event: LoggingEvent): string {
  return event.fileName === undefined ? '' : ` [in ${event.fileName}:${event.lineNumber ?? 0}]`;
}

function formatContext(context: Record<string, unknown>, scrub: Scrubber): string {
  return Object.entries(context)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key.replace(/[^\w.-]/g, '_')}=${quoted(toOneLine(scrub(String(value))))}`)
    .join('');
}

// Values with spaces, quotes or '=' are quoted so that each pair stays unambiguous.
function quoted(value: string): string {
  return /[\s"=]/.test(value) || value === '' ? `"${value.replaceAll('"', '\\"')}"` : value;
}
