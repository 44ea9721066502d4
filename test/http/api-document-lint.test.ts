import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { withApp } from '../support/test-app.js';

const REDOCLY = resolve('node_modules/@redocly/cli/bin/cli.js');

type LintReport = Readonly<{ problems: readonly Readonly<{ ruleId: string; message: string; location: readonly { pointer: string }[] }>[] }>;

// The document as clients get it, held to Redocly's recommended rules (redocly.yaml, which also
// keeps the linter off the network): a warning fails as an error does.
test('when the API\'s document is linted, then no error and no warning', async () => {
  const document = await withApp({}, (app) => fetch(`${app.baseUrl}/api/openapi.json`).then((response) => response.text()));
  const folder = await mkdtemp(join(tmpdir(), 'microblog-openapi-'));
  try {
    const file = join(folder, 'openapi.json');
    await writeFile(file, document);
    // A lint with errors exits with 1 and still prints its report.
    const { stdout } = await promisify(execFile)(process.execPath, [REDOCLY, 'lint', '--config', 'redocly.yaml', '--format=json', file])
      .catch((failed: { stdout: string }) => failed);
    const report = JSON.parse(stdout) as LintReport;
    assert.equal(report.problems.map(({ ruleId, message, location }) => `${ruleId} at ${location[0]?.pointer}: ${message}`), []);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});

test.run();
