import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Alert } from '../../../adapters/logging/alerts/alert.js';
import { AlertGroups, type Digest } from '../../../adapters/logging/alerts/alert-groups.js';
import { ManualTimers } from '../../support/log-timers.js';

const WINDOW_MS = 1_000;

function anAlert(fingerprint: string, referenceId: string, second = 0): Alert {
  return {
    fingerprint,
    title: 'TypeError',
    message: 'Unexpected error',
    time: new Date(Date.UTC(2025, 0, 1, 0, 0, second)),
    referenceId,
    method: 'GET',
    path: '/index',
    userId: undefined,
    requestId: undefined,
    details: 'TypeError: boom',
  };
}

function grouping(maxGroups = 100): { groups: AlertGroups; timers: ManualTimers; firsts: string[]; digests: Digest[] } {
  const timers = new ManualTimers();
  const firsts: string[] = [];
  const digests: Digest[] = [];
  const groups = new AlertGroups({
    windowMs: WINDOW_MS,
    maxGroups,
    timers,
    onFirst: (alert) => firsts.push(alert.referenceId ?? ''),
    onDigest: (digest) => digests.push(digest),
  });
  return { groups, timers, firsts, digests };
}

test('when an error repeats within the window, then only the first is sent at once and the window closes with one digest', () => {
  const { groups, timers, firsts, digests } = grouping();
  groups.record(anAlert('fp', 'E-1', 0));
  groups.record(anAlert('fp', 'E-2', 1));
  groups.record(anAlert('fp', 'E-3', 2));
  assert.equal(firsts, ['E-1']);
  assert.equal(digests, []);
  timers.advance(WINDOW_MS);
  assert.is(digests.length, 1);
  assert.is(digests[0]?.repeats, 2);
  assert.is(digests[0]?.first.referenceId, 'E-1');
  assert.is(digests[0]?.since.toISOString(), '2025-01-01T00:00:01.000Z');
  assert.is(digests[0]?.lastAt.toISOString(), '2025-01-01T00:00:02.000Z');
  assert.equal(digests[0]?.recentReferenceIds, ['E-2', 'E-3']);
});

test('when the storm goes on past a digest, then the next repeats go into the next digest, not a new first email', () => {
  const { groups, timers, firsts, digests } = grouping();
  groups.record(anAlert('fp', 'E-1'));
  groups.record(anAlert('fp', 'E-2'));
  timers.advance(WINDOW_MS);
  groups.record(anAlert('fp', 'E-3'));
  timers.advance(WINDOW_MS);
  assert.equal(firsts, ['E-1']);
  assert.equal(digests.map((digest) => digest.repeats), [1, 1]);
});

test('when a window closes without repeats, then the group ends and the next occurrence is sent at once', () => {
  const { groups, timers, firsts, digests } = grouping();
  groups.record(anAlert('fp', 'E-1'));
  timers.advance(WINDOW_MS);
  groups.record(anAlert('fp', 'E-2'));
  assert.equal(firsts, ['E-1', 'E-2']);
  assert.equal(digests, []);
});

test('when errors differ, then each is sent at once', () => {
  const { groups, firsts } = grouping();
  groups.record(anAlert('a', 'E-1'));
  groups.record(anAlert('b', 'E-2'));
  assert.equal(firsts, ['E-1', 'E-2']);
});

test('when the open groups reach their limit, then new fingerprints of one error type share a group', () => {
  const { groups, firsts, digests } = grouping(2);
  groups.record(anAlert('a', 'E-1'));
  groups.record(anAlert('b', 'E-2'));
  groups.record(anAlert('c', 'E-3'));
  groups.record(anAlert('d', 'E-4'));
  groups.closeAll();
  assert.equal(firsts, ['E-1', 'E-2', 'E-3']);
  assert.equal(digests.map((digest) => [digest.first.referenceId, digest.repeats]), [['E-3', 1]]);
});

test('when all groups are closed (at shutdown), then pending digests are sent and no timer fires later', () => {
  const { groups, timers, digests } = grouping();
  groups.record(anAlert('fp', 'E-1'));
  groups.record(anAlert('fp', 'E-2'));
  groups.closeAll();
  timers.advance(WINDOW_MS * 3);
  assert.equal(digests.map((digest) => digest.repeats), [1]);
});

test.run();
