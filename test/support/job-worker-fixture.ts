// Run as `node --import tsx job-worker-fixture.ts`, never imported: one process of the app as far
// as jobs go (the real Database, queue and JobRunner), with one job kind of the test's own, so a
// test can kill it mid-job, stop it mid-burst, or run several side by side on one database.
// Configured by its environment: FIXTURE_LOCATION (a DatabaseLocation as JSON), EFFECTS_FILE
// (where each job appends its number, once done), LEASE_MS, CONCURRENCY.
import { appendFileSync } from 'node:fs';
import { ok } from 'neverthrow';
import { JobRunner } from '../../adapters/jobs/job-runner.js';
import { Database, SILENT_DATABASE_LOG, type DatabaseLocation } from '../../adapters/persistence/mikro-orm/database.js';
import type { Logger } from '../../domain/ports/logger.js';

const FIXTURE_JOB = 'fixture-effect';

const location = JSON.parse(process.env.FIXTURE_LOCATION ?? '') as DatabaseLocation;
const effectsFile = process.env.EFFECTS_FILE ?? '';
const leaseMs = Number(process.env.LEASE_MS ?? 30_000);
const say = (line: string) => process.stdout.write(`${line}\n`);
const logger: Logger = {
  debug: () => {},
  info: (message) => say(`INFO ${message}`),
  warn: (message) => say(`WARN ${message}`),
  error: (message) => say(`ERROR ${message}`),
  withContext: (_context, work) => work(),
};

const database = await Database.open(location, SILENT_DATABASE_LOG, { leaseMs, retryPolicy: { maxAttempts: 3, baseDelayMs: 10 } });
const runner = new JobRunner({
  queue: database.jobs,
  logger,
  inUnitOfWork: (work) => database.inUnitOfWork(work),
  concurrency: Number(process.env.CONCURRENCY ?? 2),
  pollMs: 20,
  handlers: {
    [FIXTURE_JOB]: {
      run: async (job) => {
        const n = Number(job.payload['n']);
        say(`started ${n}`);
        // A job that never ends by itself: the test kills or stops its process meanwhile.
        if (job.payload['block'] === true) await new Promise(() => {});
        await new Promise((resolve) => setTimeout(resolve, Number(job.payload['ms'] ?? 0)));
        appendFileSync(effectsFile, `${n}\n`);
        return ok(undefined);
      },
    },
  },
});

process.once('SIGTERM', () => {
  void (async () => {
    const released = await runner.stop(Number(process.env.GRACE_MS ?? 2_000));
    await database.close();
    say(`stopped, released ${released}`);
    process.exit(0);
  })();
});
runner.start();
say('ready');
