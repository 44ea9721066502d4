import type { Server } from 'node:http';
import type { Logger } from '../domain/ports/logger.js';

export type ShutdownOptions = Readonly<{
  server: Server;
  logger: Logger;
  /** Closes what the server used (the database, then the logging, which flushes pending mail). */
  release: () => Promise<void>;
  /** How long in-flight requests may take to finish before their connections are cut. */
  graceMs: number;
}>;

/**
 * Stops cleanly on SIGTERM or SIGINT, and on a fatal error (exit code 1): stop accepting
 * connections, let in-flight requests finish within the grace period, then release resources.
 */
export function installShutdown(options: ShutdownOptions): void {
  let stopping = false;
  const stop = async (reason: string, exitCode: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    options.logger.info(`Microblog shutdown (${reason})`);
    const closed = new Promise<void>((done) => options.server.close(() => done()));
    options.server.closeIdleConnections();
    const cut = setTimeout(() => options.server.closeAllConnections(), options.graceMs);
    cut.unref();
    await closed;
    clearTimeout(cut);
    try {
      await options.release();
    } finally {
      process.exit(exitCode);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM', 0));
  process.once('SIGINT', () => void stop('SIGINT', 0));
  process.on('uncaughtException', (error) => {
    options.logger.error('Fatal: uncaught exception', error);
    void stop('fatal error', 1);
  });
  process.on('unhandledRejection', (reason) => {
    options.logger.error('Fatal: unhandled promise rejection', reason);
    void stop('fatal error', 1);
  });
}
