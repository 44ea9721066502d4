// One load run with wrk (https://github.com/wg/wrk), a load generator written in C: fixed
// connections, a fixed duration (or a fixed number of requests). A generator in Node, in the
// bench's own process, tops out below what a bare Koa server answers on this machine, so it would
// measure itself instead of the server. wrk records latency to the microsecond.
//
// A run of one request is *plain*: wrk sends the same bytes on every connection and runs no Lua per
// response. A Lua `response` callback costs wrk CPU on every answer, on the same two cores as the
// servers, and most on the fastest server (the bare one, answering 10–20 times the app's rate): it
// made every ratio to bare read 2–4 times kinder than plain wrk's. Its statuses are checked apart
// from the load: a short counted probe just before, and wrk's own count of answers of 400 and above
// during it. Runs that cycle through several requests, or stop after a number of them, need the
// callbacks and count every status exactly; none of them is a ratio to bare.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type LoadRequest = Readonly<{
  method: 'GET' | 'POST';
  path: string;
  headers?: Readonly<Record<string, string>>;
  body?: string;
}>;

export type LoadOptions = Readonly<{
  baseUrl: string;
  /** Each connection cycles through these requests in order. */
  requests: readonly LoadRequest[];
  connections: number;
  /** Seconds; with `amount`, the most the run may take. */
  durationS?: number;
  /** Stop after this many responses instead of after a duration. */
  amount?: number;
  /** Seconds before a request counts as timed out. */
  timeoutS?: number;
}>;

/**
 * `plain`: `statuses` are those of the probe sent just before the run, and `errorStatuses` wrk's count
 * of answers of 400 and above during it. `counted`: `statuses` holds every answer of the run.
 */
export type StatusCounting = 'plain' | 'counted';

export type LoadResult = Readonly<{
  requestsPerSecond: number;
  completed: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
  /** Connection errors and timeouts: requests that got no response at all. */
  errors: number;
  timeouts: number;
  counting: StatusCounting;
  statuses: Readonly<Record<string, number>>;
  /** Answers with a status of 400 or above during the run, as wrk counts them. */
  errorStatuses: number;
  elapsedS: number;
}>;

const WRK = 'wrk';
/** wrk's threads: one per core of the project's 2-core machine, as in `wrk -t2 -c32`. */
const WRK_THREADS = 2;
/** A run that stops after `amount` responses still needs a duration for wrk; this one is never reached. */
const AMOUNT_DURATION_CAP_S = 600;
/** Requests of the counted probe before a plain run: enough to see a wrong status, too few to weigh on the run. */
const PROBE_REQUESTS = 5;
const RESULT_MARKER = 'BENCH_RESULT ';
const THREAD_DONE_MARKER = 'BENCH_THREAD_DONE';

export function wrkInstalled(): boolean {
  return spawnSync(WRK, ['--version']).error === undefined;
}

/** Fails with how to install wrk when it is not on PATH. */
export function requireWrk(): void {
  if (!wrkInstalled()) {
    throw new Error('wrk is not installed: the bench loads the servers with it. Install it with `sudo apt-get install wrk` (Debian, Ubuntu) or `brew install wrk` (macOS).');
  }
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const [only, ...others] = options.requests;
  if (!only) throw new Error('runLoad needs at least one request');
  const counting: StatusCounting = others.length === 0 && options.amount === undefined ? 'plain' : 'counted';
  const probed = counting === 'plain' ? await probeStatuses(options.baseUrl, only, PROBE_REQUESTS) : null;
  const threads = Math.min(WRK_THREADS, options.connections);
  const perThreadAmount = options.amount === undefined ? 0 : Math.ceil(options.amount / threads);
  const scriptDir = mkdtempSync(join(tmpdir(), 'microblog-wrk-'));
  const script = join(scriptDir, 'load.lua');
  writeFileSync(script, probed ? plainScript(only) : countingScript(options.requests, perThreadAmount));
  const durationS = options.amount === undefined ? options.durationS ?? 10 : options.durationS ?? AMOUNT_DURATION_CAP_S;
  const started = performance.now();
  try {
    const output = await runWrk([
      `--threads=${threads}`, `--connections=${options.connections}`, `--duration=${durationS}s`,
      `--timeout=${options.timeoutS ?? 10}s`, `--script=${script}`, options.baseUrl,
    ], threads);
    // wrk reports its configured duration even when every thread stopped early at its `amount`.
    const wallS = options.amount === undefined ? null : (performance.now() - started) / 1000;
    return parseResult(output, wallS, counting, probed);
  } finally {
    rmSync(scriptDir, { recursive: true, force: true });
  }
}

/**
 * How many answers of a run were not `expect`, plus the requests that got none. A plain run knows
 * its statuses by class during the load (below 400 or not) and exactly from its probe.
 */
export function unexpectedAnswers(result: LoadResult, expect: number): number {
  const otherThanExpected = sum(Object.entries(result.statuses).filter(([status]) => Number(status) !== expect).map(([, count]) => count));
  if (result.counting === 'counted') return result.errors + otherThanExpected;
  const wrongClass = expect >= 400 ? result.completed - result.errorStatuses : result.errorStatuses;
  return result.errors + otherThanExpected + wrongClass;
}

type WrkResult = {
  durationUs: number;
  requests: number;
  errors: { connect: number; read: number; write: number; timeout: number; status: number };
  latencyUs: { p50: number; p99: number; mean: number; max: number };
  statuses: Record<string, number>;
};

function parseResult(output: string, wallS: number | null, counting: StatusCounting, probed: Record<string, number> | null): LoadResult {
  const line = output.split('\n').find((text) => text.startsWith(RESULT_MARKER));
  if (!line) throw new Error(`wrk printed no result:\n${output.slice(-2000)}`);
  const result = JSON.parse(line.slice(RESULT_MARKER.length)) as WrkResult;
  const elapsedS = wallS ?? result.durationUs / 1e6;
  const { connect, read, write, timeout } = result.errors;
  return {
    // Completed responses over the wall time of the run: what a client population actually got.
    requestsPerSecond: result.requests / elapsedS,
    completed: result.requests,
    p50Ms: result.latencyUs.p50 / 1000,
    p99Ms: result.latencyUs.p99 / 1000,
    meanMs: result.latencyUs.mean / 1000,
    maxMs: result.latencyUs.max / 1000,
    errors: connect + read + write + timeout,
    timeouts: timeout,
    counting,
    statuses: probed ?? result.statuses,
    errorStatuses: result.errors.status,
    elapsedS,
  };
}

/**
 * A plain run's script: the request, set once (wrk then sends the same bytes on every connection and
 * calls no Lua per request), and `done`, which runs once at the end to print the summary as JSON.
 */
function plainScript(request: LoadRequest): string {
  const headers = Object.entries(request.headers ?? {}).map(([name, value]) => `wrk.headers[${luaString(name)}] = ${luaString(value)}`).join('\n');
  return `wrk.method = ${luaString(request.method)}
wrk.path = ${luaString(request.path)}
${request.body === undefined ? '' : `wrk.body = ${luaString(request.body)}`}
${headers}

function done(summary, latency, requests)
  ${printSummary('""')}
end
`;
}

/**
 * A counted run's script: each connection cycles through the requests, each thread counts the
 * statuses it saw (and stops after its share of `amount`), and `done` sums every thread's counts
 * and prints one JSON line.
 */
function countingScript(requests: readonly LoadRequest[], perThreadAmount: number): string {
  const table = requests.map((request) => {
    const headers = Object.entries(request.headers ?? {}).map(([name, value]) => `[${luaString(name)}] = ${luaString(value)}`).join(', ');
    return `{ method = ${luaString(request.method)}, path = ${luaString(request.path)}, headers = { ${headers} }, body = ${request.body === undefined ? 'nil' : luaString(request.body)} }`;
  }).join(',\n  ');
  return `local specs = {
  ${table}
}
local limit = ${perThreadAmount}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  formatted = {}
  for i, spec in ipairs(specs) do
    formatted[i] = wrk.format(spec.method, spec.path, spec.headers, spec.body)
  end
  next_index = 0
  seen = 0
end

function request()
  next_index = next_index % #formatted + 1
  return formatted[next_index]
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  seen = seen + 1
  if seen == limit then
    io.write("${THREAD_DONE_MARKER}\\n")
    io.flush()
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      totals[status] = (totals[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(totals) do
    table.insert(parts, string.format('"%d":%d', status, count))
  end
  ${printSummary('table.concat(parts, ",")')}
end
`;
}

/** The Lua statement that prints wrk's summary as one JSON line; `statuses` is a Lua expression for the statuses object's inside. */
function printSummary(statuses: string): string {
  return `local e = summary.errors
  io.write(string.format(
    '${RESULT_MARKER}{"durationUs":%d,"requests":%d,"errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d,"status":%d},"latencyUs":{"p50":%d,"p99":%d,"mean":%.1f,"max":%d},"statuses":{%s}}\\n',
    summary.duration, summary.requests, e.connect, e.read, e.write, e.timeout, e.status,
    latency:percentile(50), latency:percentile(99), latency.mean, latency.max, ${statuses}))`;
}

/** A Lua string literal holding exactly `value`'s UTF-8 bytes: every byte outside printable ASCII, and quotes and backslashes, as a decimal escape. */
function luaString(value: string): string {
  let literal = '"';
  for (const byte of Buffer.from(value, 'utf8')) {
    literal += byte >= 0x20 && byte < 0x7f && byte !== 0x22 && byte !== 0x5c ? String.fromCharCode(byte) : `\\${String(byte).padStart(3, '0')}`;
  }
  return `${literal}"`;
}

/**
 * Runs wrk and returns what it printed. A thread that stopped at its share of `amount` says so; wrk
 * itself would still wait out the whole duration, so once every thread has, SIGINT makes it finish
 * (and print its summary) at once.
 */
function runWrk(args: readonly string[], threads: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(WRK, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let threadsDone = 0;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const done = stdout.split(THREAD_DONE_MARKER).length - 1;
      if (done > threadsDone && (threadsDone = done) === threads) child.kill('SIGINT');
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    // wrk reports an error in its script on stderr and then runs on without it: that is a failure too.
    child.once('close', (code) => (code === 0 && stderr === '' ? resolve(stdout) : reject(new Error(`wrk exited with ${String(code)}: ${stderr || stdout}`))));
  });
}

/** Sends `request` `count` times, one after the other, and counts the statuses. */
async function probeStatuses(baseUrl: string, request: LoadRequest, count: number): Promise<Record<string, number>> {
  const statuses: Record<string, number> = {};
  for (let sent = 0; sent < count; sent++) {
    const status = await probe(baseUrl, request);
    statuses[status] = (statuses[status] ?? 0) + 1;
  }
  return statuses;
}

/** Sends one request and returns its status. */
export async function probe(baseUrl: string, request: LoadRequest): Promise<number> {
  const response = await fetch(new URL(request.path, baseUrl), {
    method: request.method,
    // The header's UTF-8 bytes, as wrk sends them: fetch takes a header value only as Latin-1 text.
    headers: Object.fromEntries(Object.entries(request.headers ?? {}).map(([name, value]) => [name, Buffer.from(value, 'utf8').toString('latin1')])),
    redirect: 'manual',
    ...(request.body === undefined ? {} : { body: request.body }),
  });
  await response.arrayBuffer();
  return response.status;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return 0;
  return sorted.length % 2 === 1 ? sorted[middle] ?? 0 : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
