import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { remembered } from '../../../adapters/http/remembered.js';

function counted(limit: number) {
  const computed: string[] = [];
  const memory = remembered<string, string | undefined>(limit);
  const upper = (text: string) => memory(text, () => {
    computed.push(text);
    return text === 'none' ? undefined : text.toUpperCase();
  });
  return { upper, computed };
}

test('when a key is asked for again, then the value computed the first time is answered', () => {
  const { upper, computed } = counted(10);
  assert.equal([upper('a'), upper('b'), upper('a'), upper('b')], ['A', 'B', 'A', 'B']);
  assert.equal(computed, ['a', 'b']);
});

test('when the value computed is undefined, then it is remembered too', () => {
  const { upper, computed } = counted(10);
  assert.equal([upper('none'), upper('none')], [undefined, undefined]);
  assert.equal(computed, ['none']);
});

test('when more keys come than the limit, then the memory starts over instead of growing', () => {
  const { upper, computed } = counted(2);
  upper('a');
  upper('b');
  upper('c');
  upper('c');
  upper('a');
  assert.equal(computed, ['a', 'b', 'c', 'a']);
});

test.run();
