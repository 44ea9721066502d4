import { readFile } from 'node:fs/promises';
import { ESLint } from 'eslint';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resultsMustBeUsed } from '../../eslint/results-must-be-used.js';

const FIXTURE = 'test/lint/dropped-results.fixture.ts';

test('when a Result is dropped as a statement, then lint reports that line, and a Result returned, unwrapped, matched or voided is left alone', async () => {
  const eslint = new ESLint({
    overrideConfig: {
      files: [FIXTURE],
      plugins: { neverthrow: { rules: { 'results-must-be-used': resultsMustBeUsed } } },
      rules: { 'neverthrow/results-must-be-used': 'error' },
    },
  });
  const [report] = await eslint.lintFiles([FIXTURE]);
  const reported = (report?.messages ?? []).filter((message) => message.ruleId === 'neverthrow/results-must-be-used').map((message) => message.line);
  const lines = (await readFile(FIXTURE, 'utf8')).split('\n');
  const dropped = lines.flatMap((line, index) => (line.endsWith('// dropped') ? [index + 1] : []));
  assert.ok(dropped.length === 3);
  assert.equal(reported, dropped);
});

test.run();
