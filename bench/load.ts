// One load run with autocannon: fixed connections, a fixed duration (or a fixed number of
// requests), and every response's status and latency recorded here, to the microsecond, rather
// than read from autocannon's whole-millisecond histogram.
import autocannon from 'autocannon';

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
  /** Seconds; ignored when `amount` is given. */
  durationS?: number;
  /** Stop after this many requests instead of after a duration. */
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

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const first = options.requests[0];
  if (!first) throw new Error('runLoad needs at least one request');
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({
      url: options.baseUrl,
      connections: options.connections,
      ...(options.amount === undefined ? { duration: options.durationS ?? 10 } : { amount: options.amount }),
      timeout: options.timeoutS ?? 10,
      requests: options.requests.map((request) => ({
        method: request.method,
        path: request.path,
        headers: { ...request.headers },
        ...(request.body === undefined ? {} : { body: request.body }),
      })),
    }, (error: unknown, done: autocannon.Result) => (error ? reject(asError(error)) : resolve(done)));
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      const key = String(statusCode);
      statuses[key] = (statuses[key] ?? 0) + 1;
    });
  });
  const elapsedS = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    // Completed responses over the wall time of the run: what a client population actually got.
    requestsPerSecond: latencies.length / (options.amount === undefined ? result.duration : elapsedS),
    completed: latencies.length,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    meanMs: latencies.length ? latencies.reduce((sum, value) => sum + value, 0) / latencies.length : 0,
    maxMs: latencies.at(-1) ?? 0,
    errors: result.errors,
    timeouts: result.timeouts,
    statuses,
    elapsedS,
  };
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank] ?? 0;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return 0;
  return sorted.length % 2 === 1 ? sorted[middle] ?? 0 : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
