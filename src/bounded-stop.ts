// A stop that always ends the process, whatever the work it waits for is doing: the database pool,
// the log file, the mail queue, or a bug that keeps the event loop busy.
//
// - The first SIGTERM or SIGINT begins the stop. Its listeners are removed at once, so the next
//   signal meets the system's default action and ends the process at once: a second Ctrl-C or a
//   service manager's second SIGTERM is never swallowed, and it works even when JavaScript is stuck.
// - From the moment the stop begins a deadline runs. When it passes, one line goes to stderr and the
//   process exits with code 1. That timer needs the event loop; should the loop be blocked (code
//   spinning in a loop), a watchdog thread of its own writes the line a little later and kills the
//   process.
import { Worker } from 'node:worker_threads';

const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/** How much longer the watchdog thread gives the event loop's own deadline before it kills. */
const WATCHDOG_MARGIN_MS = 2_000;

// Plain JavaScript, run by `new Worker(..., { eval: true })`: the watchdog must not depend on the
// module loader of the main thread (tsx in development). `writeSync` to fd 2 reaches stderr even
// while the main thread, which relays a worker's `process.stderr`, is blocked.
const WATCHDOG_SOURCE = `
  const { workerData } = require('node:worker_threads');
  const { writeSync } = require('node:fs');
  setTimeout(() => {
    writeSync(2, workerData.line + ' (event loop blocked; killing)\\n');
    process.kill(workerData.pid, 'SIGKILL');
  }, workerData.ms);
`;

export type BoundedStopOptions = Readonly<{
  /** Who stops, for the stderr line: "Microblog", "Worker 1234". */
  role: string;
  deadlineMs: number;
  /** Does the stop's work and ends the process itself when done. */
  stop: (reason: string, exitCode: number) => Promise<void>;
}>;

/**
 * Listens for SIGTERM and SIGINT and returns the function that begins the stop for any other
 * reason (a fatal error). The stop runs once, under the deadline.
 */
export function boundedStop(options: BoundedStopOptions): (reason: string, exitCode: number) => void {
  let begun = false;
  const begin = (reason: string, exitCode: number): void => {
    if (begun) return;
    begun = true;
    for (const signal of STOP_SIGNALS) process.removeListener(signal, onSignal);
    armDeadline(options.role, reason, options.deadlineMs);
    options.stop(reason, exitCode).catch((error: unknown) => {
      process.stderr.write(`${options.role}: the stop failed (${String(error)}); exiting\n`);
      process.exit(1);
    });
  };
  const onSignal = (signal: NodeJS.Signals): void => begin(signal, 0);
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  return begin;
}

function armDeadline(role: string, reason: string, deadlineMs: number): void {
  const line = `${role}: did not stop within ${deadlineMs / 1000} s of ${reason}; exiting`;
  // Neither the thread nor the timer keeps the process alive: a stop that finishes in time ends it as usual.
  try {
    new Worker(WATCHDOG_SOURCE, { eval: true, workerData: { line, pid: process.pid, ms: deadlineMs + WATCHDOG_MARGIN_MS } }).unref();
  } catch (error) {
    // Without a thread to spare, the timer below still bounds every stop that leaves the event loop free.
    process.stderr.write(`${role}: no watchdog thread for the stop (${String(error)})\n`);
  }
  setTimeout(() => {
    process.stderr.write(`${line}\n`);
    process.exit(1);
  }, deadlineMs).unref();
}
