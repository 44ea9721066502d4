// The bench's knobs, from the environment. The defaults are the full run (about ten minutes on the
// project's 2-core machine); BENCH_QUICK=1 is a smoke run of a minute or two whose figures are too
// short to trust.

export type BenchSettings = Readonly<{
  connections: number;
  /** Seconds of each measured run of a page case. */
  durationS: number;
  /** Seconds of load on each case before any measurement. */
  warmupS: number;
  rounds: number;
  /** Seconds of each measured run of the 500 path, per mail server. */
  errorDurationS: number;
  errorRounds: number;
  /** Seconds of each measured run of POST /login (every request costs a full scrypt hash). */
  loginDurationS: number;
  loginRounds: number;
  /** Mixed page requests in all, split evenly over `memoryRounds`; RSS is read after each round. */
  memoryRequests: number;
  memoryRounds: number;
  startRuns: number;
  users: number;
  /** No-op jobs worked off to measure the queue's jobs per second. */
  queueJobs: number;
  /** Jobs enqueued one at a time to measure enqueue-to-start latency. */
  queueSamples: number;
  /** Due password reset jobs put under the logged-in index's load. */
  jobBacklog: number;
  quick: boolean;
}>;

type Env = Readonly<Record<string, string | undefined>>;

const FULL: BenchSettings = {
  connections: 32,
  durationS: 10,
  warmupS: 3,
  rounds: 3,
  errorDurationS: 4,
  errorRounds: 5,
  loginDurationS: 10,
  loginRounds: 2,
  memoryRequests: 100_000,
  memoryRounds: 3,
  startRuns: 3,
  // Two for the logged-in pages, the rest log in together in the POST /login case: enough that
  // wrk's 32 connections put one or two attempts on an account at a time, under its limit of five.
  users: 34,
  queueJobs: 5_000,
  queueSamples: 200,
  jobBacklog: 10_000,
  quick: false,
};

const QUICK: BenchSettings = {
  ...FULL,
  durationS: 2,
  warmupS: 1,
  rounds: 2,
  errorDurationS: 2,
  errorRounds: 2,
  loginDurationS: 4,
  loginRounds: 1,
  memoryRequests: 10_000,
  memoryRounds: 2,
  startRuns: 2,
  queueJobs: 500,
  queueSamples: 20,
  jobBacklog: 1_000,
  quick: true,
};

export function readSettings(env: Env): BenchSettings {
  const base = env.BENCH_QUICK === '1' ? QUICK : FULL;
  return {
    connections: positive(env, 'BENCH_CONNECTIONS', base.connections),
    durationS: positive(env, 'BENCH_DURATION', base.durationS),
    warmupS: positive(env, 'BENCH_WARMUP', base.warmupS),
    rounds: positive(env, 'BENCH_ROUNDS', base.rounds),
    errorDurationS: positive(env, 'BENCH_ERROR_DURATION', base.errorDurationS),
    errorRounds: positive(env, 'BENCH_ERROR_ROUNDS', base.errorRounds),
    loginDurationS: positive(env, 'BENCH_LOGIN_DURATION', base.loginDurationS),
    loginRounds: positive(env, 'BENCH_LOGIN_ROUNDS', base.loginRounds),
    memoryRequests: positive(env, 'BENCH_MEMORY_REQUESTS', base.memoryRequests),
    memoryRounds: positive(env, 'BENCH_MEMORY_ROUNDS', base.memoryRounds),
    startRuns: positive(env, 'BENCH_START_RUNS', base.startRuns),
    // Three at least: a viewer, a profile to view, and a user for the POST /login case.
    users: Math.max(3, positive(env, 'BENCH_USERS', base.users)),
    queueJobs: positive(env, 'BENCH_QUEUE_JOBS', base.queueJobs),
    queueSamples: positive(env, 'BENCH_QUEUE_SAMPLES', base.queueSamples),
    jobBacklog: positive(env, 'BENCH_JOB_BACKLOG', base.jobBacklog),
    quick: base.quick,
  };
}

function positive(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number, not "${raw}"`);
  return value;
}
