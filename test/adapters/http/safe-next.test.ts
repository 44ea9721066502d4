import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { safeNextPath } from '../../../adapters/http/safe-next.js';

test('when next is a local path, then it is kept with its query and fragment', () => {
  assert.is(safeNextPath('/user/susan'), '/user/susan');
  assert.is(safeNextPath('/index?page=2#top'), '/index?page=2#top');
});

test('when next would leave the site in any of the ways browsers allow, then it is refused', () => {
  const escapes = [
    '//evil.example', '/\\evil.example', '\\/evil.example', 'https://evil.example', 'http:evil.example', 'javascript:alert(1)',
    '/\t/evil.example', '/\n/evil.example', ' /index', '///evil.example', 'evil.example', '', 'data:text/html,x',
    '/\u2028/evil.example', `/${'a'.repeat(3000)}`,
  ];
  for (const next of escapes) assert.is(safeNextPath(next), null, JSON.stringify(next));
});

test('when next leaves the site only once its dot segments are resolved, then it is refused', () => {
  for (const next of ['/.//evil.example', '/..//evil.example', '/a/..//evil.example', '/.%2e//evil.example', '/%2e//evil.example/x?y#z']) {
    assert.is(safeNextPath(next), null, next);
  }
  assert.is(safeNextPath('/user/./susan'), '/user/susan', 'a dot segment that stays on the site is fine');
});

test('when next is not a string (a list or an object from the query), then it is refused', () => {
  assert.is(safeNextPath(['/index', '//evil.example']), null);
  assert.is(safeNextPath({ a: '/index' }), null);
  assert.is(safeNextPath(undefined), null);
});

test.run();
