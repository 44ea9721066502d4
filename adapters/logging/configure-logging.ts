// Configures log4js from injected appenders (the composition root picks them; tests inject an
// in-memory one) and hands back the Logger port.
//
// Several processes: log4js' cluster support is left on (`disableClustering: false`). Under Node's
// cluster module only the primary process instantiates the appenders; workers send each event over
// the IPC channel and the primary alone writes microblog.log, rotates it and sends the alert mail.
// Lines are therefore never interleaved or lost in a rotation race, and repeats of an error across
// workers fall into one alert group. Separate, independently started processes must not share a
// log file: give them their own `fileName` (or run them as one cluster).
import log4js from 'log4js';
import type { Appender } from 'log4js';
import type { Logger } from '../../domain/ports/logger.js';
import type { ErrorReporter, ReportedRequest } from './error-reporter.js';
import { Log4jsLogger } from './log4js-logger.js';
import type { LogAppender, LogLevelName } from './log-appender.js';

export type LoggingOptions = Readonly<{
  appenders: Readonly<Record<string, LogAppender>>;
  /** Locations in log lines are written relative to this folder. Defaults to the working directory. */
  projectRoot?: string;
  /** How long `shutdown` waits for pending mail. Defaults to 5 seconds. */
  flushTimeoutMs?: number;
  /** Receive every ERROR in the process where it happens (an error tracker). */
  reporters?: readonly ErrorReporter[];
  /** How long `shutdown` waits for the reporters. Defaults to 2 seconds. */
  reporterFlushTimeoutMs?: number;
}>;

export type Logging = Readonly<{
  logger: Logger;
  /** Runs one HTTP request's handling so that the reporters can tell which request failed. */
  aroundRequest: <T>(request: ReportedRequest, work: () => T) => T;
  /** Sends pending alerts and error reports (each bounded by its flush timeout), then closes every appender. */
  shutdown: () => Promise<void>;
}>;

const LEVEL_ORDER: readonly LogLevelName[] = ['debug', 'info', 'warn', 'error'];
const CATEGORY = 'microblog';

export function configureLogging(options: LoggingOptions): Logging {
  const entries = Object.entries(options.appenders);
  if (entries.length === 0) throw new Error('configureLogging needs at least one appender');

  // Each appender sits behind a level filter, so the file gets INFO and up while alerts get ERROR only.
  const definitions: Record<string, Appender> = {};
  for (const [name, appender] of entries) {
    definitions[`${name}-unfiltered`] = appender.definition;
    definitions[name] = { type: 'logLevelFilter', appender: `${name}-unfiltered`, level: appender.level };
  }
  const lowest = LEVEL_ORDER.find((level) => entries.some(([, appender]) => appender.level === level)) ?? 'info';

  log4js.configure({
    appenders: definitions,
    categories: { default: { appenders: entries.map(([name]) => name), level: lowest } },
    disableClustering: false,
  });

  const reporters = options.reporters ?? [];
  const logger = new Log4jsLogger(log4js.getLogger(CATEGORY), options.projectRoot ?? process.cwd(), reporters);
  for (const [, appender] of entries) appender.reportTo?.(logger);

  const flushTimeoutMs = options.flushTimeoutMs ?? 5_000;
  const reporterFlushTimeoutMs = options.reporterFlushTimeoutMs ?? 2_000;
  return {
    logger,
    aroundRequest: (request, work) => {
      let run = work;
      for (const reporter of reporters) {
        const inner = run;
        run = () => reporter.aroundRequest(request, inner);
      }
      return run();
    },
    shutdown: async () => {
      // Flushed while log4js is still enabled, so a mail failure during the flush reaches the file.
      await Promise.all([
        ...entries.flatMap(([, appender]) => (appender.flush ? [appender.flush(flushTimeoutMs)] : [])),
        ...reporters.map(async (reporter) => {
          if (!(await reporter.close(reporterFlushTimeoutMs))) logger.warn('Some error reports were not sent before shutdown');
        }),
      ]);
      await new Promise<void>((resolve, reject) => {
        log4js.shutdown((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}
