import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { withQuestionMarks } from '../../../adapters/persistence/mikro-orm/pg-boss-job-queue.js';

// pg-boss's statements number their parameters; the ORM binds knex's `?` in order of appearance.

test('when a statement uses its parameters out of order and more than once, then each `?` is bound to the value its number named', () => {
  const [sql, params] = withQuestionMarks('select $2 as name where $1 > 1 limit $1 offset $10', ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']);
  assert.is(sql, 'select ? as name where ? > 1 limit ? offset ?');
  assert.equal(params, ['b', 'a', 'a', 'j']);
});

test('when a statement has no parameters, then it is left as it is', () => {
  assert.equal(withQuestionMarks('select now()', []), ['select now()', []]);
});

test.run();
