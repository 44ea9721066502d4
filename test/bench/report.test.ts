import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { LoadResult } from '../../bench/load.js';
import { summarizeCase, summarizeErrorPath } from '../../bench/report.js';

/** One 4-second round of the 500 path: every answer a 500, at `requestsPerSecond` and `meanMs`. */
function round(requestsPerSecond: number, meanMs: number): LoadResult {
  const completed = requestsPerSecond * 4;
  return {
    requestsPerSecond, completed, p50Ms: meanMs, p99Ms: meanMs * 3, meanMs, maxMs: meanMs * 5,
    errors: 0, timeouts: 0, counting: 'counted', statuses: { 500: completed }, errorStatuses: completed, elapsedS: 4,
  };
}

type Sides = Parameters<typeof summarizeErrorPath>[0];

function sides(slowMail: LoadResult, trackerSilent: LoadResult): Sides {
  const fast = round(1000, 30);
  return { fastMail: [fast], slowMail: [slowMail], trackerAnswering: [fast], trackerSilent: [trackerSilent] };
}

function metOf(summary: ReturnType<typeof summarizeErrorPath>, start: string): boolean[] {
  return summary.checks.filter((check) => check.target.startsWith(start)).map((check) => check.met);
}

test('when the slow mail server and the silent tracker come out faster than the fast ones, then their checks pass', () => {
  const summary = summarizeErrorPath(sides(round(1180, 25), round(1110, 27)), 1, 1);
  assert.equal(metOf(summary, 'slow-mail'), [true, true]);
  assert.equal(metOf(summary, 'silent-tracker'), [true, true]);
});

test('when the slow mail server costs more than 10 % of the requests per second, then its req/s check fails', () => {
  const summary = summarizeErrorPath(sides(round(880, 30), round(1000, 30)), 1, 1);
  assert.equal(metOf(summary, 'slow-mail'), [false, true]);
  assert.equal(metOf(summary, 'silent-tracker'), [true, true]);
});

test('when the silent tracker makes the mean latency more than 10 % longer, then its latency check fails', () => {
  const summary = summarizeErrorPath(sides(round(1000, 30), round(950, 33.6)), 1, 1);
  assert.equal(metOf(summary, 'slow-mail'), [true, true]);
  assert.equal(metOf(summary, 'silent-tracker'), [true, false]);
});

test('when the slow sides are slower by less than 10 %, then their checks pass', () => {
  const summary = summarizeErrorPath(sides(round(920, 32.5), round(910, 32.9)), 1, 1);
  assert.equal(metOf(summary, 'slow-mail'), [true, true]);
  assert.equal(metOf(summary, 'silent-tracker'), [true, true]);
});

test('when a page case is summarized, then its ratio is to its own twin of the same round and the generator is checked at its size', () => {
  const page = (requestsPerSecond: number): LoadResult => ({ ...round(requestsPerSecond, 10), counting: 'plain', statuses: { 200: 5 }, errorStatuses: 0 });
  const spec = { id: 'login-page', title: 'GET /login', kind: 'page', expect: 200, minRatio: 0.2, maxP99Ms: 25 } as const;
  // Round two is twice as fast all round (a quiet minute): its ratio is the same as round one's.
  const summary = summarizeCase(spec, [page(1000), page(2000), page(900)], {
    bare: [page(4000), page(8000), page(5000)],
    nodeHttp: [page(5000), page(8400), page(6000)],
  });
  assert.equal({ ratio: summary.ratioToTwin, headroom: summary.generatorHeadroom }, { ratio: 0.25, headroom: 1.2 });
  assert.equal(summary.checks.map((check) => [check.target, check.met]), [
    ['≥ 0.20 × its twin', true],
    ['p99 ≤ 25 ms', false],
    ['node:http ≥ 1.10 × Koa at this size: wrk is not the limit', true],
    ['every answer 200', true],
  ]);
});

test.run();
