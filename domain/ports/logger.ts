// The application's logger. The domain never logs; adapters and the composition root do, through
// this port, so the logging technology can be swapped and tests can capture every line.

/** Facts about an event, such as a request id or a user id. Never bodies, cookies or secrets. */
export type LogContext = Readonly<Record<string, string | number | boolean | null | undefined>>;

export interface Logger {
  debug(message: string, context?: LogContext): void;
  info(message: string, context?: LogContext): void;
  warn(message: string, context?: LogContext): void;
  /** An unexpected failure: written with its stack, and reported to the administrators. */
  error(message: string, error: unknown, context?: LogContext): void;
  /** Runs `work` with `context` (a request id, say) added to every line written inside it, across awaits. */
  withContext<T>(context: LogContext, work: () => T): T;
}
