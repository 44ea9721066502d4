// Processes of job-worker-fixture.ts, for tests of what several processes, a SIGKILL or a stop do
// to the jobs on one database.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Database, type DatabaseLocation } from '../../adapters/persistence/mikro-orm/database.js';
import type { JobPayload } from '../../domain/jobs/job.js';
import { PROJECT_ROOT, TSX_LOADER } from './app-process.js';
import { eventually } from './eventually.js';

const FIXTURE = join(PROJECT_ROOT, 'test', 'support', 'job-worker-fixture.ts');
export const FIXTURE_JOB = 'fixture-effect';

export type JobWorker = Readonly<{
  output: () => string;
  /** Resolves once the process has printed `line`. */
  printed: (line: string, timeoutMs?: number) => Promise<void>;
  kill: (signal: NodeJS.Signals) => void;
  exited: Promise<number | null>;
}>;

export type WorkerSettings = Readonly<{ leaseMs?: number; concurrency?: number; graceMs?: number }>;

export async function startJobWorker(location: DatabaseLocation, effectsFile: string, settings: WorkerSettings = {}): Promise<JobWorker> {
  const child: ChildProcess = spawn(process.execPath, [`--import=${TSX_LOADER}`, FIXTURE], {
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      TSX_TSCONFIG_PATH: join(PROJECT_ROOT, 'tsconfig.json'),
      FIXTURE_LOCATION: JSON.stringify(location),
      EFFECTS_FILE: effectsFile,
      LEASE_MS: String(settings.leaseMs ?? 30_000),
      CONCURRENCY: String(settings.concurrency ?? 2),
      GRACE_MS: String(settings.graceMs ?? 2_000),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.removeListener('exit', killOnExit));
  const worker: JobWorker = {
    output: () => output,
    printed: (line, timeoutMs = 60_000) => eventually(() => output.split('\n').includes(line), `"${line}" from a job worker:\n${output}`, timeoutMs),
    kill: (signal) => child.kill(signal),
    exited,
  };
  await worker.printed('ready');
  return worker;
}

/** Enqueues fixture jobs with these payloads, as a use case would, in one unit of work. */
export async function enqueueFixtureJobs(location: DatabaseLocation, payloads: readonly JobPayload[]): Promise<void> {
  const database = await Database.open(location);
  try {
    await database.migrate();
    await database.inUnitOfWork(async () => {
      for (const payload of payloads) await database.jobs.enqueue({ kind: FIXTURE_JOB, payload });
    });
  } finally {
    await database.close();
  }
}

/** The job numbers whose effect happened, in the order they happened. */
export function effects(effectsFile: string): number[] {
  if (!existsSync(effectsFile)) return [];
  return readFileSync(effectsFile, 'utf8').split('\n').filter((line) => line !== '').map(Number);
}
