// One load run with wrk (https://github.com/wg/wrk), a load generator written in C: fixed
// connections, a fixed duration (or a fixed number of requests). A generator in Node, in the
// bench's own process, tops out below what a bare Koa server answers on this machine, so it would
// measure itself instead of the server. A Lua script counts every response's status, so a case
// that answers with the wrong status is counted, not mistaken for speed; wrk records latency to the
// microsecond.
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
  statuses: Readonly<Record<string, number>>;
  elapsedS: number;
}>;

const WRK = 'wrk';
/** wrk's threads: one per core of the project's 2-core machine, as in `wrk -t2 -c32`. */
const WRK_THREADS = 2;
/** A run that stops after `amount` responses still needs a duration for wrk; this one is never reached. */
const AMOUNT_DURATION_CAP_S = 600;
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
  if (options.requests.length === 0) throw new Error('runLoad needs at least one request');
  const threads = Math.min(WRK_THREADS, options.connections);
  const perThreadAmount = options.amount === undefined ? 0 : Math.ceil(options.amount / threads);
  const scriptDir = mkdtempSync(join(tmpdir(), 'microblog-wrk-'));
  const script = join(scriptDir, 'load.lua');
  writeFileSync(script, luaScript(options.requests, perThreadAmount));
  const durationS = options.amount === undefined ? options.durationS ?? 10 : options.durationS ?? AMOUNT_DURATION_CAP_S;
  const started = performance.now();
  try {
    const output = await runWrk([
      `--threads=${threads}`, `--connections=${options.connections}`, `--duration=${durationS}s`,
      `--timeout=${options.timeoutS ?? 10}s`, `--script=${script}`, options.baseUrl,
    ], threads);
    // wrk reports its configured duration even when every thread stopped early at its `amount`.
    const wallS = options.amount === undefined ? null : (performance.now() - started) / 1000;
    return parseResult(output, wallS);
  } finally {
    rmSync(scriptDir, { recursive: true, force: true });
  }
}

type WrkResult = {
  durationUs: number;
  requests: number;
  errors: { connect: number; read: number; write: number; timeout: number };
  latencyUs: { p50: number; p99: number; mean: number; max: number };
  statuses: Record<string, number>;
};

function parseResult(output: string, wallS: number | null): LoadResult {
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
    statuses: result.statuses,
    elapsedS,
  };
}

/**
 * The Lua script wrk runs: each connection cycles through the requests, each thread counts the
 * statuses it saw (and stops after its share of `amount`), and `done` sums every thread's counts
 * and prints one JSON line.
 */
function luaScript(requests: readonly LoadRequest[], perThreadAmount: number): string {
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
  local e = summary.errors
  io.write(string.format(
    '${RESULT_MARKER}{"durationUs":%d,"requests":%d,"errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},"latencyUs":{"p50":%d,"p99":%d,"mean":%.1f,"max":%d},"statuses":{%s}}\\n',
    summary.duration, summary.requests, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.mean, latency.max, table.concat(parts, ",")))
end
`;
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

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return 0;
  return sorted.length % 2 === 1 ? sorted[middle] ?? 0 : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
