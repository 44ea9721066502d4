// Run as `node --import tsx log-cluster-fixture.ts <log dir> <workers> <lines per worker>`, never
// imported: a primary and its cluster workers all log through configureLogging, so a test can check
// that the lines of several processes end up whole, once each, in one rotated file set.
import cluster from 'node:cluster';
import { configureLogging } from '../../adapters/logging/configure-logging.js';
import { rotatingFileAppender } from '../../adapters/logging/rotating-file-appender.js';
import { createScrubber } from '../../adapters/logging/scrub.js';

const [directory, workers, lines] = process.argv.slice(2);
if (directory === undefined || workers === undefined || lines === undefined) {
  throw new Error('usage: log-cluster-fixture.ts <log dir> <workers> <lines per worker>');
}
const WORKERS = Number(workers);
const LINES_PER_WORKER = Number(lines);
const logging = configureLogging({ appenders: { file: rotatingFileAppender({ directory, scrub: createScrubber() }) } });

if (cluster.isPrimary) {
  let exited = 0;
  for (let i = 0; i < WORKERS; i += 1) {
    // IPC keeps order: once "done" arrives, every log event of that worker has arrived before it.
    cluster.fork().on('message', function (this: ReturnType<typeof cluster.fork>, message: unknown) {
      if (message === 'done') this.disconnect();
    });
  }
  cluster.on('exit', () => {
    exited += 1;
    if (exited === WORKERS) void logging.shutdown();
  });
} else {
  const worker = cluster.worker?.id ?? 0;
  for (let line = 0; line < LINES_PER_WORKER; line += 1) {
    logging.logger.withContext({ worker }, () => logging.logger.info(`line ${line} ${'w'.repeat(120)}`));
  }
  process.send?.('done');
}
