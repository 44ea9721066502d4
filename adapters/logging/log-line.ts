// The line shape of the log file, after the Flask original
// `%(asctime)s %(levelname)s: %(message)s [in %(pathname)s:%(lineno)d]`, plus the context (request
// id, user id, ...) as key=value pairs, and for errors the stack on the following lines. Those lines
// start with a class name, "Caused by:" or whitespace, never with a time as every event line does.
import type { LoggingEvent } from 'log4js';
import { LOCATION_KEY } from './call-site.js';
import { describeError } from './error-text.js';
import { loggable } from './one-line.js';
import type { Scrubber } from './scrub.js';

export function formatLogLine(event: LoggingEvent, scrub: Scrubber): string {
  const [message, ...rest] = event.data as unknown[];
  const line =
    `${event.startTime.toISOString()} ${event.level.levelStr}: ${loggable(String(message), scrub)}` +
    location(event) +
    formatContext(event.context as Record<string, unknown>, scrub);
  return rest.length > 0 ? `${line}\n${describeError(rest[0], scrub)}` : line;
}

function location(event: LoggingEvent): string {
  const where = locationOf(event);
  return where === undefined ? '' : ` [in ${where}]`;
}

/** `file:line` of the code that logged the event, relative to the project. */
export function locationOf(event: LoggingEvent): string | undefined {
  const where = (event.context as Record<string, unknown>)[LOCATION_KEY];
  return typeof where === 'string' ? where : undefined;
}

function formatContext(context: Record<string, unknown>, scrub: Scrubber): string {
  return Object.entries(context)
    .filter(([key, value]) => value !== undefined && key !== LOCATION_KEY)
    .map(([key, value]) => ` ${key.replace(/[^\w.-]/g, '_')}=${quoted(loggable(String(value), scrub))}`)
    .join('');
}

// Values with spaces, quotes or '=' are quoted so that each pair stays unambiguous.
function quoted(value: string): string {
  return /[\s"=]/.test(value) || value === '' ? `"${value.replaceAll('"', '\\"')}"` : value;
}
