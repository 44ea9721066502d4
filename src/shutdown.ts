import cluster from 'node:cluster';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Server as NetServer } from 'node:net';
import type { Logger } from '../domain/ports/logger.js';
import { boundedStop } from './bounded-stop.js';

export type ShutdownOptions = Readonly<{
  server: Server;
  logger: Logger;
  /**
   * Stops the process's background work at the start of the stop, beside the requests' grace
   * period (the job workers claim nothing more, and release what they cannot finish within it).
   */
  stopWork: (graceMs: number) => Promise<void>;
  /** Closes what the server used (the database, then the logging, which flushes pending mail). */
  release: () => Promise<void>;
  /** How long in-flight requests may take to finish before their connections are cut. */
  graceMs: number;
  /** From the first signal to a forced exit, whatever is still running then. */
  deadlineMs: number;
  /** Who stops, for the shutdown line: the app, or one worker of a cluster. */
  role: string;
}>;

/**
 * A cluster worker's last log lines travel to the primary over IPC; `process.exit` would drop
 * those still queued, while disconnecting sends them first and then lets the worker end.
 */
export function exit(code: number): void {
  if (!cluster.worker) process.exit(code);
  process.exitCode = code;
  setTimeout(() => process.exit(code), 5_000).unref();
  cluster.worker.disconnect();
}

/**
 * Stops cleanly on SIGTERM or SIGINT, and on a fatal error (exit code 1): stop accepting
 * connections, let in-flight requests finish within the grace period, then release resources;
 * all of it within the deadline, and at once on a second signal.
 */
export function installShutdown(options: ShutdownOptions): void {
  const closeAfterEachAnswer = closingAfterEachAnswer(options.server);
  const stop = async (reason: string, exitCode: number): Promise<void> => {
    options.logger.info(`${options.role} shutdown (${reason})`);
    // No new connections, but not yet the http server's close, which would also close the idle
    // ones: a connection whose request the kernel has taken in and Node has not yet read looks
    // idle, and would be dropped unanswered. One more turn of the event loop reads those requests,
    // answered then with Connection: close; only the connections still idle after it are closed.
    const closed = new Promise<void>((done) => NetServer.prototype.close.call(options.server, () => done()));
    closeAfterEachAnswer();
    await new Promise((turned) => setImmediate(() => setImmediate(turned)));
    options.server.closeIdleConnections();
    const cut = setTimeout(() => options.server.closeAllConnections(), options.graceMs);
    cut.unref();
    const workStopped = options.stopWork(options.graceMs);
    await closed;
    clearTimeout(cut);
    try {
      await workStopped;
      await options.release();
    } finally {
      exit(exitCode);
    }
  };
  const begin = boundedStop({ role: options.role, deadlineMs: options.deadlineMs, stop });
  stopOnFatalErrors(options.logger, () => begin('fatal error', 1));
}

/**
 * Once the returned function is called, no connection outlives the answer it is busy with: every
 * answer not yet begun, and every one to a request still to come on an open connection, says
 * `Connection: close`, and its connection closes once it is sent; one already under way closes its
 * connection when done. A keep-alive client then sends its next request to whichever process
 * listens next, rather than to this one until the grace runs out and cuts it mid-request.
 */
function closingAfterEachAnswer(server: Server): () => void {
  const unanswered = new Set<ServerResponse>();
  let closing = false;
  server.on('request', (_request: IncomingMessage, response: ServerResponse) => {
    if (closing) {
      response.shouldKeepAlive = false;
      return;
    }
    unanswered.add(response);
    response.once('close', () => unanswered.delete(response));
  });
  return () => {
    closing = true;
    for (const response of unanswered) {
      if (!response.headersSent) response.shouldKeepAlive = false;
      else response.once('finish', () => setImmediate(() => server.closeIdleConnections()));
    }
  };
}

/** More than this many fatal errors are not logged: a fault that feeds itself must not flood the log or starve the stop. */
const FATAL_ERRORS_LOGGED = 10;

/**
 * An uncaught exception or an unhandled rejection is logged, and so reported, as fatal; then the
 * process stops. Only the first few are logged: should logging itself be what fails (a stream whose
 * reader went away), logging each failure would fail again, in a loop that never lets the stop run.
 */
export function stopOnFatalErrors(logger: Logger, stop: () => void): void {
  let logged = 0;
  const fatal = (message: string, error: unknown): void => {
    if (logged < FATAL_ERRORS_LOGGED) logger.error(message, error, { fatal: true });
    logged += 1;
    stop();
  };
  process.on('uncaughtException', (error) => fatal('Fatal: uncaught exception', error));
  process.on('unhandledRejection', (reason) => fatal('Fatal: unhandled promise rejection', reason));
}
