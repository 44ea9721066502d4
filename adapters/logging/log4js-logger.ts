// The Logger port on log4js. The context given to `withContext` (a request id, say) lives in an
// AsyncLocalStorage, so it follows the work across awaits without being passed around, and is copied
// into each event's log4js context, where every appender (and, under Node's cluster module, the
// primary process that writes the file) sees it. The `[in file:line]` of the line travels there too:
// log4js' own call stacks (`enableCallStack`) would capture a whole stack trace with `new Error()` for
// every event, and name the place a logged error was created rather than the line that logged it.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger as Log4js } from 'log4js';
import type { LogContext, Logger } from '../../domain/ports/logger.js';
import { callSiteBelow, LOCATION_KEY, type CallSite } from './call-site.js';
import type { ErrorReporter } from './error-reporter.js';
import { projectPath } from './stack-frames.js';

type Level = 'debug' | 'info' | 'warn' | 'error';

// Below `write` on the stack: the public method (`info`, `error`, ...) that called it, then its caller.
const CALLER_DEPTH = 1;

export class Log4jsLogger implements Logger {
  readonly #scope = new AsyncLocalStorage<LogContext>();
  // callSiteBelow hands out one object per place in the code: its written form is made once too.
  readonly #locations = new WeakMap<CallSite, string>();

  constructor(
    private readonly log: Log4js,
    private readonly projectRoot: string,
    private readonly reporters: readonly ErrorReporter[] = [],
  ) {}

  debug(message: string, context?: LogContext): void {
    this.write('debug', [message], context);
  }

  info(message: string, context?: LogContext): void {
    this.write('info', [message], context);
  }

  warn(message: string, context?: LogContext): void {
    this.write('warn', [message], context);
  }

  error(message: string, error: unknown, context?: LogContext): void {
    this.write('error', [message, error], context);
    this.report(message, error, context);
  }

  withContext<T>(context: LogContext, work: () => T): T {
    return this.#scope.run({ ...this.#scope.getStore(), ...context }, work);
  }

  private write(level: Level, data: unknown[], context: LogContext | undefined): void {
    if (!this.log.isLevelEnabled(level)) return;
    try {
      const location = this.callerLocation();
      this.log.clearContext();
      for (const [key, value] of Object.entries({ ...this.#scope.getStore(), ...context })) {
        if (value !== undefined) this.log.addContext(key, value);
      }
      if (location !== undefined) this.log.addContext(LOCATION_KEY, location);
      this.log.log(level, ...data);
    } catch (failure) {
      // Logging must never break the code that logs; stderr is the last place left to say so.
      process.stderr.write(`logging failed: ${String(failure)}\n`);
    }
  }

  // Here, in the process that saw the error, rather than in an appender: under Node's cluster module
  // the appenders run in the primary, where the error has lost its causes and the request is gone.
  private report(message: string, error: unknown, context: LogContext | undefined): void {
    if (this.reporters.length === 0) return;
    const failure = { message, error, context: { ...this.#scope.getStore(), ...context } };
    for (const reporter of this.reporters) {
      try {
        reporter.report(failure);
      } catch (failed) {
        process.stderr.write(`error reporting failed: ${String(failed)}\n`);
      }
    }
  }

  private callerLocation(): string | undefined {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- only compared with the frames on the stack, never called
    const frame = callSiteBelow(Log4jsLogger.prototype.write, CALLER_DEPTH);
    if (frame === undefined) return undefined;
    let location = this.#locations.get(frame);
    if (location === undefined) {
      location = `${projectPath(frame.file, this.projectRoot)}:${frame.line}`;
      this.#locations.set(frame, location);
    }
    return location;
  }
}
