import { existsSync } from 'node:fs';
import { mkdtemp, open, readFile, rename, rm, symlink, unlink, writeFile, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { configureLogging } from '../../../adapters/logging/configure-logging.js';
import { memoryAppender } from '../../../adapters/logging/memory-appender.js';
import { rotatingFileAppender } from '../../../adapters/logging/rotating-file-appender.js';
import { MAX_PENDING_BYTES } from '../../../adapters/logging/rotating-log-file.js';
import { createScrubber } from '../../../adapters/logging/scrub.js';
import { eventually } from '../../support/eventually.js';

// Tests run as root, which no permission bit stops: the failures here are ones root meets too.
// A full disk is /dev/full (every write fails with ENOSPC), and a folder that cannot hold the file
// is a regular file in the folder's place (ENOTDIR). A disk that stalls is the real file opened
// with writes that wait until the test lets them through.

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

/** Opens the real file, but each write waits for `released` first: a disk that has stopped answering. */
function stallingOpen(released: Promise<void>): typeof open {
  return (async (...args: Parameters<typeof open>) => {
    const handle = await open(...args);
    // Only what the log file calls.
    const stalled = {
      write: async (chunk: string) => {
        await released;
        return handle.write(chunk);
      },
      stat: () => handle.stat(),
      close: () => handle.close(),
    };
    return stalled as unknown as FileHandle;
  });
}

test('when lines come faster than the file takes them, then INFO lines are dropped but never the ERROR or WARN line, and the loss is said once on stderr and through the other appenders, and counted once the file catches up', async () => {
  const directory = await mkdtemp(path.join(tmpdir(), 'microblog-logs-'));
  const file = path.join(directory, 'microblog.log');
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  const memory = memoryAppender();
  const logging = configureLogging({
    appenders: {
      file: rotatingFileAppender({ directory, scrub: createScrubber(), maxLogSize: 64 * MAX_PENDING_BYTES, open: stallingOpen(released) }),
      memory: memory.appender,
    },
  });
  const filler = 'x'.repeat(900);
  // Twice what may wait: a 404 flood at a stalled disk.
  const flood = Math.ceil((2 * MAX_PENDING_BYTES) / filler.length);
  try {
    await capturingStderr(async (stderr) => {
      for (let i = 0; i < flood; i += 1) logging.logger.info(`flood ${i} ${filler}`);
      logging.logger.error('Exception on /index [GET]', new Error('the failure an administrator will look for'), { errorId: 'REF0IN0FILE' });
      logging.logger.warn('a warning in the flood');
      for (let i = flood; i < flood + 100; i += 1) logging.logger.info(`flood ${i} ${filler}`);
      assert.is(stderr().match(/cannot keep up/g)?.length, 1, stderr());
      assert.match(stderr(), `microblog: The log file ${file} cannot keep up (`);
      release();
      await eventually(async () => existsSync(file) && (await readFile(file, 'utf8')).includes('is written again'), 'the file caught up', 30_000);
      assert.is(stderr().match(/cannot keep up/g)?.length, 1, 'said once for the whole flood');
    });
    const text = await readFile(file, 'utf8');
    assert.match(text, /ERROR: Exception on \/index \[GET\] .*errorId=REF0IN0FILE/);
    assert.match(text, 'the failure an administrator will look for');
    assert.match(text, 'WARN: a warning in the flood');
    const written = text.match(/INFO: flood \d+ /g)?.length ?? 0;
    const lost = Number(/is written again; (\d+) lines could not be written meanwhile/.exec(text)?.[1]);
    assert.ok(lost > 0 && written > 0, `${written} written, ${lost} lost`);
    assert.is(written + lost, flood + 100, 'every flood line is written or counted');
    assert.not.match(text, 'cannot keep up', 'the file does not report on itself');

    const behind = memory.events().filter((event) => event.level === 'ERROR' && event.message.includes('cannot keep up'));
    assert.is(behind.length, 1, memory.lines().filter((line) => !line.includes('flood')).join('\n'));
    assert.is((behind[0]?.error as Error).name, 'LogFileBehind');
    assert.is(behind[0]?.context.failedChannel, 'file');
    // The channels' lines are scrubbed: a temporary folder's random name may read as a token.
    const fileAsLogged = createScrubber()(file);
    assert.ok(memory.lines().some((line) => line.includes(`INFO: The log file ${fileAsLogged} is written again; ${lost} lines could not be written meanwhile`)));
  } finally {
    release();
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
