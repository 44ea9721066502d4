import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rename, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { configureLogging } from '../../../adapters/logging/configure-logging.js';
import { memoryAppender } from '../../../adapters/logging/memory-appender.js';
import { rotatingFileAppender } from '../../../adapters/logging/rotating-file-appender.js';
import { createScrubber } from '../../../adapters/logging/scrub.js';
import { eventually } from '../../support/eventually.js';

// Tests run as root, which no permission bit stops: the failures here are ones root meets too.
// A full disk is /dev/full (every write fails with ENOSPC), and a folder that cannot hold the file
// is a regular file in the folder's place (ENOTDIR).


/** Collects what is written to stderr while `work` runs. */
async function capturingStderr<T>(work: (written: () => string) => Promise<T>): Promise<T> {
  let written = '';
  const original = process.stderr.write.bind(process.stderr);
  process.stderr.write = (chunk: string | Uint8Array) => {
    written += String(chunk);
    return true;
  };
  try {
    return await work(() => written);
  } finally {
    process.stderr.write = original;
  }
}

test('when the disk is full, then logging goes on, the failure is said once on stderr and through the other appenders, and the file resumes by itself', async () => {
  if (!existsSync('/dev/full')) throw new Error('this test needs /dev/full');
  const directory = await mkdtemp(path.join(tmpdir(), 'microblog-logs-'));
  const file = path.join(directory, 'microblog.log');
  await symlink('/dev/full', file);
  const memory = memoryAppender();
  const logging = configureLogging({
    appenders: { file: rotatingFileAppender({ directory, scrub: createScrubber(), retryMs: 20 }), memory: memory.appender },
  });
  try {
    await capturingStderr(async (stderr) => {
      for (let i = 0; i < 20; i += 1) logging.logger.info(`line ${i} while the disk is full`);
      await eventually(() => memory.lines().some((line) => line.includes('ERROR: The log file')));
      for (let i = 20; i < 40; i += 1) {
        logging.logger.info(`line ${i} while the disk is full`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      assert.is(stderr().match(/cannot be written/g)?.length, 1, stderr());
      assert.match(stderr(), `microblog: The log file ${file} cannot be written (ENOSPC: no space left on device`);
    });
    const failures = memory.events().filter((event) => event.level === 'ERROR');
    assert.is(failures.length, 1, memory.lines().join('\n'));
    assert.is((failures[0]?.error as Error).name, 'LogFileUnwritable');
    assert.is(failures[0]?.context.failedChannel, 'file');

    // Space again: the link to the full device is replaced by room for a real file.
    await unlink(file);
    await eventually(async () => {
      logging.logger.info('a line once there is room');
      await new Promise((resolve) => setTimeout(resolve, 30));
      return existsSync(file) && (await readFile(file, 'utf8')).includes('is written again');
    });
    const text = await readFile(file, 'utf8');
    assert.match(text, /INFO: The log file .* is written again; \d+ lines could not be written meanwhile/);
    assert.match(text, 'a line once there is room');
    assert.not.match(text, 'while the disk is full');
  } finally {
    await logging.shutdown();
    await rm(directory, { recursive: true, force: true });
  }
});

test('when the folder is replaced by a file mid-run, then the next roll fails without throwing, and the folder is made again once it can be', async () => {
  const parent = await mkdtemp(path.join(tmpdir(), 'microblog-logs-'));
  const directory = path.join(parent, 'logs');
  const memory = memoryAppender();
  const logging = configureLogging({
    appenders: { file: rotatingFileAppender({ directory, scrub: createScrubber(), retryMs: 20, maxLogSize: 1_024 }), memory: memory.appender },
  });
  try {
    logging.logger.info('before');
    await eventually(() => existsSync(path.join(directory, 'microblog.log')));
    await rename(directory, `${directory}.moved`);
    await writeFile(directory, 'a file where the log folder was\n');
    await capturingStderr(async (stderr) => {
      for (let i = 0; i < 40; i += 1) {
        logging.logger.info(`line ${i} ${'x'.repeat(100)}`);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      await eventually(() => stderr().includes('cannot be written'));
      assert.match(stderr(), /cannot be written \(ENOTDIR: not a directory/);
    });
    assert.is(memory.events().filter((event) => event.level === 'ERROR').length, 1);

    await unlink(directory);
    await eventually(async () => {
      logging.logger.info('after');
      await new Promise((resolve) => setTimeout(resolve, 30));
      return existsSync(path.join(directory, 'microblog.log')) && (await readFile(path.join(directory, 'microblog.log'), 'utf8')).includes('is written again');
    });
  } finally {
    await logging.shutdown();
    await rm(parent, { recursive: true, force: true });
  }
});

test.run();
