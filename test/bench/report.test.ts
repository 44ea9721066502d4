import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { LoadResult } from '../../bench/load.js';
import { summarizeErrorPath } from '../../bench/report.js';

/** One 4-second round of the 500 path: every answer a 500, at `requestsPerSecond` and `meanMs`. */
function round(requestsPerSecond: number, meanMs: number): LoadResult {
  const completed = requestsPerSecond * 4;
  return {
    requestsPerSecond, completed, p50Ms: meanMs, p99Ms: meanMs * 3, meanMs, maxMs: meanMs * 5,
    errors: 0, timeouts: 0, statuses: { 500: completed }, elapsedS: 4,
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

test.run();
