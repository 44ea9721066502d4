// The Logger port on log4js. The context given to `withContext` (a request id, say) lives in an
// AsyncLocalStorage, so it follows the work across awaits without being passed around, and is copied
// into each event's log4js context, where every appender (and, under Node's cluster module, the
// primary process that writes the file) sees it.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger as Log4js, CallStack } from 'log4js';
import type { LogContext, Logger } from '../../domain/ports/logger.js';
import { callSiteBelow, type CallSite } from './call-site.js';
import { projectPath } from './stack-frames.js';

type Level = 'debug' | 'info' | 'warn' | 'error';

// Below `write` on the stack: the public method (`info`, `error`, ...) that called it, then its caller.
const CALLER_DEPTH = 1;

export class Log4jsLogger implements Logger {
  readonly #scope = new AsyncLocalStorage<LogContext>();
  #callSite: CallStack | undefined;
  // callSiteBelow hands out one object per place in the code: its log4js form is made once too.
  readonly #sites = new WeakMap<CallSite, CallStack>();

  constructor(
    private readonly log: Log4js,
    private readonly projectRoot: string,
  ) {
    // log4js takes the location from the logged Error's stack when there is one, which names the
    // place the error was created rather than the line that logged it; report the caller instead.
    log.setParseCallStackFunction(() => this.#callSite);
  }

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
  }

  withContext<T>(context: LogContext, work: () => T): T {
    return this.#scope.run({ ...this.#scope.getStore(), ...context }, work);
  }

  private write(level: Level, data: unknown[], context: LogContext | undefined): void {
    if (!this.log.isLevelEnabled(level)) return;
    try {
      this.#callSite = this.callerSite();
      this.log.clearContext();
      for (const [key, value] of Object.entries({ ...this.#scope.getStore(), ...context })) {
        if (value !== undefined) this.log.addContext(key, value);
      }
      // log4js builds an Error for every event to find the caller (enableCallStack); its stack is
      // never read, since the parse function above answers from #callSite, so let it capture none.
      const stackTraceLimit = Error.stackTraceLimit;
      Error.stackTraceLimit = 0;
      try {
        this.log.log(level, ...data);
      } finally {
        Error.stackTraceLimit = stackTraceLimit;
      }
    } catch (failure) {
      // Logging must never break the code that logs; stderr is the last place left to say so.
      process.stderr.write(`logging failed: ${String(failure)}\n`);
    } finally {
      this.#callSite = undefined;
    }
  }

  private callerSite(): CallStack | undefined {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- only compared with the frames on the stack, never called
    const frame = callSiteBelow(Log4jsLogger.prototype.write, CALLER_DEPTH);
    if (frame === undefined) return undefined;
    let site = this.#sites.get(frame);
    if (!site) {
      site = { fileName: projectPath(frame.file, this.projectRoot), lineNumber: frame.line, columnNumber: 0, functionName: '', callStack: '' };
      this.#sites.set(frame, site);
    }
    return site;
  }
}
