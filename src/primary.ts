import cluster, { type Worker } from 'node:cluster';
import type { Logging } from '../adapters/logging/configure-logging.js';
import { Database } from '../adapters/persistence/mikro-orm/database.js';
import { boundedStop } from './bounded-stop.js';
import type { Config } from './config.js';
import { stopOnFatalErrors } from './shutdown.js';

const WORKER_STOP_TIMEOUT_MS = 15_000;
// The workers' stop (SIGKILL after WORKER_STOP_TIMEOUT_MS), then the mail flush (5 s at most), with time to spare.
const STOP_DEADLINE_MS = 30_000;
/** More crashes than this within a minute means the workers cannot run: stop instead of looping. */
const CRASH_LIMIT_PER_MINUTE = 10;

/**
 * The primary of `WEB_CONCURRENCY` workers (Node's cluster; they share the listening port). It
 * migrates the database once, then forks the workers and replaces any that crash. It writes the
 * log file and sends the alerts for all of them (log4js' cluster mode), so lines never interleave
 * and identical errors from different workers fall into one alert group.
 */
export async function runPrimary(config: Config, logging: Logging): Promise<void> {
  const { logger } = logging;
  const database = await Database.open(config.database, logger);
  try {
    const applied = await database.migrate();
    if (applied.length > 0) logger.info(`Database migrated: ${applied.join(', ')}`);
  } finally {
    await database.close();
  }

  let stopping = false;
  let announced = false;
  const crashes: number[] = [];
  cluster.on('listening', (_worker, address) => {
    if (announced) return;
    announced = true;
    logger.info('Microblog startup', { mode: config.mode, debug: config.debug, workers: config.webConcurrency, url: `http://${config.host}:${address.port}/` });
  });
  cluster.on('exit', (worker: Worker, code, signal) => {
    if (stopping) return;
    const now = Date.now();
    crashes.push(now);
    while (crashes.length > 0 && (crashes[0] ?? now) < now - 60_000) crashes.shift();
    logger.warn(`Worker ${worker.process.pid ?? '?'} exited (${signal ?? `code ${code}`}); starting another`);
    if (crashes.length > CRASH_LIMIT_PER_MINUTE) {
      logger.warn('Workers keep crashing; stopping');
      begin('workers keep crashing', 1);
      return;
    }
    cluster.fork();
  });

  const begin = boundedStop({
    role: 'Microblog',
    deadlineMs: STOP_DEADLINE_MS,
    stop: async (reason, exitCode) => {
      stopping = true;
      logger.info(`Microblog shutdown (${reason})`);
      const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
      await Promise.all(workers.map((worker) => stopWorker(worker)));
      await logging.shutdown();
      process.exit(exitCode);
    },
  });
  stopOnFatalErrors(logger, () => begin('fatal error', 1));

  for (let i = 0; i < config.webConcurrency; i++) cluster.fork();
}

function stopWorker(worker: Worker): Promise<void> {
  return new Promise((done) => {
    if (worker.isDead()) return done();
    const kill = setTimeout(() => worker.process.kill('SIGKILL'), WORKER_STOP_TIMEOUT_MS);
    worker.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    worker.process.kill('SIGTERM');
  });
}
