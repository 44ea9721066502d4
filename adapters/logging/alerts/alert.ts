// What an administrator needs to know about one unexpected error, taken from a log4js ERROR event:
// already scrubbed and neutralized, plus the fingerprint that groups its repeats.
import { createHash } from 'node:crypto';
import type { LoggingEvent } from 'log4js';
import type { LogContext } from '../../../domain/ports/logger.js';
import { describeError, errorTitle } from '../error-text.js';
import { loggable } from '../one-line.js';
import type { Scrubber } from '../scrub.js';
import { isAppFrame, stackFrames } from '../stack-frames.js';

export type Alert = Readonly<{
  fingerprint: string;
  /** The error's class name: safe for a subject line. */
  title: string;
  message: string;
  time: Date;
  referenceId: string | undefined;
  method: string | undefined;
  path: string | undefined;
  userId: string | undefined;
  requestId: string | undefined;
  /** The error with its stack and causes. */
  details: string;
}>;

// Enough of our own frames to tell two call paths apart; line numbers kept, columns dropped.
const FINGERPRINT_FRAMES = 8;

export function alertFromEvent(event: LoggingEvent, scrub: Scrubber): Alert {
  const [message, error] = event.data as unknown[];
  const context = event.context as LogContext;
  const text = (key: string): string | undefined =>
    context[key] === undefined || context[key] === null ? undefined : loggable(String(context[key]), scrub);
  return {
    fingerprint: fingerprint(error, context),
    title: errorTitle(error),
    message: loggable(String(message), scrub),
    time: event.startTime,
    referenceId: text('errorId'),
    method: text('method'),
    path: text('path'),
    userId: text('userId'),
    requestId: text('requestId'),
    details: describeError(error, scrub),
  };
}

/**
 * Error type + the app's own stack frames + route. The route is the pattern (context `route`), so
 * `/user/a` and `/user/b` failing alike are one group; the raw path never counts, since the client
 * chooses it: a scanner's thousand paths must not make a thousand groups.
 */
function fingerprint(error: unknown, context: LogContext): string {
  const frames = stackFrames(error)
    .filter(isAppFrame)
    .slice(0, FINGERPRINT_FRAMES)
    .map((frame) => `${frame.file}:${frame.line}`);
  const route = String(context['route'] ?? '');
  const parts = [errorTitle(error), ...frames, String(context['method'] ?? ''), route];
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 12);
}
