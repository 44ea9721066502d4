// `npm run jobs`: what the job queue holds, for operators: how many jobs wait, run, are done and
// have failed for good, and the failed ones with their last error. `npm run jobs -- retry <id>`
// queues a failed job again with fresh attempts (after the mail server is fixed, say).
import { Database } from '../adapters/persistence/mikro-orm/database.js';
import type { JobId } from '../domain/jobs/job.js';
import type { JobQueue, JobRecord } from '../domain/ports/jobs.js';
import { ConfigError, loadConfig, loadDotEnv } from './config.js';

const SHOWN = 20;
const USAGE = 'usage: npm run jobs [-- list queued|running|failed | retry <id>]';

async function report(jobs: JobQueue, state: JobRecord['state']): Promise<void> {
  const counts = await jobs.counts();
  console.log(`queued ${counts.queued}, running ${counts.running}, done ${counts.done}, failed ${counts.failed}`);
  const shown = await jobs.list(state, SHOWN);
  if (shown.length > 0) console.log(`\n${state} (newest first${shown.length === SHOWN ? `, the first ${SHOWN}` : ''}):`);
  for (const job of shown) {
    const when = state === 'queued' ? `, due ${job.runAfter.toISOString()}` : '';
    console.log(`  ${job.id}  ${job.kind}  attempts ${job.attempts}${when}${job.lastError ? `  last error: ${job.lastError}` : ''}`);
  }
}

async function run(jobs: JobQueue, args: readonly string[]): Promise<number> {
  const [command = 'list', argument] = args;
  if (command === 'list' && (argument === undefined || argument === 'queued' || argument === 'running' || argument === 'failed')) {
    await report(jobs, argument ?? 'failed');
    return 0;
  }
  if (command === 'retry' && argument) {
    if (await jobs.retry(argument as JobId)) {
      console.log(`Job ${argument} is queued again.`);
      return 0;
    }
    console.error(`No failed job has the id ${argument}.`);
    return 1;
  }
  console.error(USAGE);
  return 2;
}

try {
  loadDotEnv();
  const config = loadConfig(process.env);
  const database = await Database.open(config.database);
  try {
    process.exitCode = await database.inUnitOfWork(() => run(database.jobs, process.argv.slice(2)));
  } finally {
    await database.close();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
  process.exitCode = 1;
}
