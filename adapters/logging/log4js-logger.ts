// The Logger port on log4js. The context given to `withContext` (a request id, say) lives in an
// AsyncLocalStorage, so it follows the work across awaits without being passed around, and is copied
// into each event's log4js context, where every appender (and, under Node's cluster module, the
// primary process that writes the file) sees it.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger as Log4js, CallStack } from 'log4js';
import type { LogContext, Logger } from '../../domain/ports/logger.js';
import { parseFrame, projectPath } from './stack-frames.js';

type Level = 'debug' | 'info' | 'warn' | 'error';

// Frames above the caller in a stack captured inside `write`: the Error header line, `write` itself,
// and the public method (`info`, `error`, ...) that called it.
const FRAMES_ABOVE_CALLER = 3;

export class Log4jsLogger implements Logger {
  readonly #scope = new AsyncLocalStorage<LogContext>();
  #callSite: CallStack | undefined;

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
      this.#callSite = this.callerSite(new Error().stack);
      this.log.clearContext();
      for (const [key, value] of Object.entries({ ...this.#scope.getStore(), ...context })) {
        if (value !== undefined) this.log.addContext(key, value);
      }
      this.log.log(level, ...data);
    } catch (failure) {
      // Logging must never break the code that logs; stderr is the last place left to say so.
      process.stderr.write(`logging failed: ${String(failure)}\n`);
    } finally {
      this.#callSite = undefined;
    }
  }

  private callerSite(stack: string | undefined): CallStack | undefined {
    const line = stack?.split('\n')[FRAMES_ABOVE_CALLER];
    const frame = line === undefined ? undefined : parseFrame(line);
    if (frame === undefined) return undefined;
    const fileName = projectPath(frame.file, this.projectRoot);
    return { fileName, lineNumber: frame.line, columnNumber: 0, functionName: '', callStack: '' };
  }
}
