import log4js, { type LoggingEvent } from 'log4js';

/** A log4js event as the logger adapter builds it: data is [message, error?], context the request's facts. */
export function anErrorEvent(message: string, error: unknown, context: Record<string, unknown> = {}): LoggingEvent {
  return {
    categoryName: 'microblog',
    level: log4js.levels.ERROR,
    data: [message, error],
    startTime: new Date('2025-01-02T03:04:05.000Z'),
    pid: process.pid,
    context,
    error: error instanceof Error ? error : undefined,
    serialise: () => '',
  };
}
