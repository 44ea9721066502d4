import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const FIXTURE = path.resolve('test/support/log-cluster-fixture.ts');
const WORKERS = 4;
const LINES_PER_WORKER = 50;
const LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z INFO: line (\d+) w{120} \[in test\/support\/log-cluster-fixture\.ts:\d+\] worker=(\d+)$/;

test('when cluster workers log at once, then the primary alone writes every line, whole and once, through rotation', async () => {
  const directory = await mkdtemp(path.join(tmpdir(), 'microblog-cluster-'));
  try {
    await promisify(execFile)(process.execPath, ['--import', 'tsx', FIXTURE, directory, String(WORKERS), String(LINES_PER_WORKER)], { timeout: 20_000 });
    const names = await readdir(directory);
    assert.ok(names.length > 1, `expected a rotation, found ${names.join(', ')}`);
    const lines = (await Promise.all(names.map((name) => readFile(path.join(directory, name), 'utf8'))))
      .join('')
      .split('\n')
      .filter((line) => line !== '');
    const malformed = lines.filter((line) => !LINE.test(line));
    assert.equal(malformed, []);
    const seen = new Set(lines.map((line) => LINE.exec(line)?.slice(1, 3).join('/')));
    assert.is(lines.length, WORKERS * LINES_PER_WORKER);
    assert.is(seen.size, WORKERS * LINES_PER_WORKER);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});

test.run();
