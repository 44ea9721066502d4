import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { alertFromEvent } from '../../../adapters/logging/alerts/alert.js';
import { createScrubber } from '../../../adapters/logging/scrub.js';
import { anErrorEvent } from '../../support/log-events.js';

const scrub = createScrubber();

function crashHere(message = 'boom'): Error {
  return new TypeError(message);
}

function crashThere(): Error {
  return new TypeError('boom');
}

const fingerprintOf = (error: unknown, context: Record<string, unknown> = {}): string =>
  alertFromEvent(anErrorEvent('Unexpected error', error, context), scrub).fingerprint;

test('when the same error comes from the same code on the same route, then the fingerprints match whatever the path and message', () => {
  // Created on one line, as the same code path in the app would: the stack frames are the same.
  const [first, again] = [['alice', '/user/alice'], ['bob', '/user/bob?x=1']].map(([name, path]) =>
    fingerprintOf(crashHere(`no ${name}`), { method: 'GET', route: '/user/:username', path }),
  );
  assert.is(first, again);
});

test('when the code path, the error type or the route differ, then the fingerprints differ', () => {
  const base = fingerprintOf(crashHere(), { method: 'GET', route: '/index', path: '/index' });
  assert.is.not(fingerprintOf(crashThere(), { method: 'GET', route: '/index', path: '/index' }), base);
  assert.is.not(fingerprintOf(new RangeError('boom'), { method: 'GET', route: '/index', path: '/index' }), base);
  assert.is.not(fingerprintOf(crashHere(), { method: 'POST', route: '/index', path: '/index' }), base);
  assert.is.not(fingerprintOf(crashHere(), { method: 'GET', route: '/explore', path: '/explore' }), base);
});

test('when failures on paths no route matches differ only in the path, then they share one fingerprint', () => {
  const fingerprints = ['/p1', '/p2', `/${'a-'.repeat(500)}`].map((path) =>
    fingerprintOf(crashHere(), { method: 'PROPFIND', route: '(no route)', path }));
  assert.is(new Set(fingerprints).size, 1);
  assert.is(fingerprintOf(crashHere(), { method: 'GET', path: '/p1' }), fingerprintOf(crashHere(), { method: 'GET', path: '/p2' }), 'without a route either');
});

test('when the error message or the context carry user text, then the title stays the class name and the text is neutralized', () => {
  const alert = alertFromEvent(
    anErrorEvent('Unexpected error', Object.assign(new Error('bad\ninput'), { name: 'Subject: injected\nBcc: x' }), { path: '/a\nb', errorId: 'E-1' }),
    scrub,
  );
  assert.is(alert.title, 'Error');
  assert.is(alert.path, '/a\\nb');
  assert.is(alert.referenceId, 'E-1');
});

test('when an error arrives from a cluster worker as a plain Error, then the title still comes from its stack', () => {
  const revived = Object.assign(new Error('boom'), { stack: 'TypeError: boom\n    at handler (/app/adapters/http/routes.ts:10:5)' });
  assert.is(alertFromEvent(anErrorEvent('Unexpected error', revived), scrub).title, 'TypeError');
});

test('when something that is not an Error is thrown, then the title says what was thrown, not its value', () => {
  const alert = alertFromEvent(anErrorEvent('Unexpected error', 'password=hunter2'), scrub);
  assert.is(alert.title, 'Thrown string');
  assert.not.match(alert.details, 'hunter2');
});

test.run();
