import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { configureLogging } from '../../../adapters/logging/configure-logging.js';
import { MAX_LOGGED_CHARACTERS } from '../../../adapters/logging/one-line.js';
import { rotatingFileAppender } from '../../../adapters/logging/rotating-file-appender.js';
import { createScrubber } from '../../../adapters/logging/scrub.js';
import { lineHere } from '../../support/log-call-site.js';

const SECRET_KEY = 'k3y-0f-the-app-that-must-never-leak-1234';
const EVENT_START = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z [A-Z]+: /;

async function withLogFile(work: (logging: ReturnType<typeof configureLogging>) => void | Promise<void>): Promise<string[]> {
  const directory = await mkdtemp(path.join(tmpdir(), 'microblog-logs-'));
  try {
    const logging = configureLogging({ appenders: { file: rotatingFileAppender({ directory, scrub: createScrubber([SECRET_KEY]) }) } });
    await work(logging);
    await logging.shutdown();
    return (await readFile(path.join(directory, 'microblog.log'), 'utf8')).split('\n').filter((line) => line !== '');
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

function failingQuery(): Error {
  return new Error(`insert into \`user\` values ('susan', 'scrypt$17$8$1$salt$hash') - SQLITE_BUSY (key ${SECRET_KEY})`);
}

test('when a message is logged at INFO, then the line has the original shape and points at the calling test file', async () => {
  let line = 0;
  const lines = await withLogFile(({ logger }) => {
    logger.info('Microblog startup'); line = lineHere();
  });
  assert.equal(lines, [lines[0]]);
  assert.match(lines[0] ?? '', EVENT_START);
  assert.ok(lines[0]?.endsWith(` INFO: Microblog startup [in test/adapters/logging/log-file.test.ts:${line}]`), lines[0]);
});

test('when a message is logged at DEBUG, then the file, which starts at INFO, does not get it', async () => {
  const lines = await withLogFile(({ logger }) => {
    logger.debug('noise');
    logger.warn('kept');
  });
  assert.equal(lines.map((line) => line.replace(EVENT_START, '').split(' [in ')[0]), ['kept']);
});

test('when an error is logged, then the location is the logging line, the stack follows, and no secret is written', async () => {
  let line = 0;
  const lines = await withLogFile(({ logger }) => {
    const error = failingQuery();
    logger.error('Unexpected error', error, { errorId: 'E-42', method: 'POST', path: '/register' }); line = lineHere();
  });
  assert.match(lines[0] ?? '', `ERROR: Unexpected error [in test/adapters/logging/log-file.test.ts:${line}] errorId=E-42 method=POST path=/register`);
  assert.is(lines[1], 'Error: [SQL redacted] - SQLITE_BUSY (key [redacted])');
  assert.match(lines[2] ?? '', /^ {4}at failingQuery \(.*log-file\.test\.ts:\d+:\d+\)$/);
  const text = lines.join('\n');
  for (const secret of ['scrypt$', SECRET_KEY, 'susan']) assert.not.match(text, secret);
});

test('when a message or a context value contains line breaks, then it cannot forge a line', async () => {
  const lines = await withLogFile(({ logger }) => {
    logger.warn('Login failed for evil\n2020-01-01T00:00:00.000Z ERROR: forged', { username: 'evil\r\nERROR: forged too', path: '/a\u2028b' });
  });
  assert.is(lines.length, 1);
  assert.match(lines[0] ?? '', 'Login failed for evil\\n2020-01-01T00:00:00.000Z ERROR: forged');
  assert.match(lines[0] ?? '', 'username="evil\\r\\nERROR: forged too" path=/a\\u2028b');
});

test('when an error message contains line breaks, then only real stack frames follow the event line', async () => {
  const lines = await withLogFile(({ logger }) => {
    logger.error('Unexpected error', new TypeError('bad name "x\n2020-01-01T00:00:00.000Z INFO: forged\n    at fake (/etc/passwd:1:1)"'));
  });
  assert.is(lines.filter((line) => EVENT_START.test(line)).length, 1);
  assert.match(lines[1] ?? '', /^TypeError: bad name "x\\n2020-01-01T00:00:00\.000Z INFO: forged\\n {4}at fake/);
  assert.ok(lines.slice(2).every((line) => /^ {4}at /.test(line)), lines.join('\n'));
  assert.not.ok(lines.slice(2).some((line) => line.includes('/etc/passwd')));
});

test('when lines are written inside withContext, then each carries the request id, across awaits, and only those', async () => {
  const lines = await withLogFile(async ({ logger }) => {
    logger.info('before');
    await Promise.all(
      ['r-1', 'r-2'].map((requestId) =>
        logger.withContext({ requestId }, async () => {
          logger.info('start');
          await new Promise((resolve) => setTimeout(resolve, 5));
          await logger.withContext({ userId: 7 }, async () => {
            await Promise.resolve();
            logger.info('inner');
          });
          logger.info('end');
        }),
      ),
    );
    logger.info('after');
  });
  const shapes = lines.map((line) => line.replace(EVENT_START, '').replace(/ \[in [^\]]+\]/, ''));
  assert.equal(shapes.sort(), [
    'after',
    'before',
    'end requestId=r-1',
    'end requestId=r-2',
    'inner requestId=r-1 userId=7',
    'inner requestId=r-2 userId=7',
    'start requestId=r-1',
    'start requestId=r-2',
  ]);
});

test('when far more than 11 × 10 KB is written, then microblog.log and at most 10 backups remain, each near 10 KB', async () => {
  const directory = await mkdtemp(path.join(tmpdir(), 'microblog-logs-'));
  try {
    const logging = configureLogging({ appenders: { file: rotatingFileAppender({ directory, scrub: createScrubber() }) } });
    const filler = 'x'.repeat(200);
    for (let i = 0; i < 1_500; i += 1) logging.logger.info(`line ${i} ${filler}`);
    await logging.shutdown();
    const names = (await readdir(directory)).sort();
    assert.equal(names, ['microblog.log', ...Array.from({ length: 10 }, (_, i) => `microblog.log.${i + 1}`)].sort());
    for (const name of names.filter((name) => name !== 'microblog.log')) {
      const { size } = await stat(path.join(directory, name));
      assert.ok(size > 9_500 && size < 10_240 + 400, `${name} is ${size} bytes`);
    }
    const newest = await readFile(path.join(directory, 'microblog.log'), 'utf8');
    assert.match(newest, 'line 1499 ');
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});

test('when a 404 of a 16 KB path is logged, then its line keeps the start of the path, counts the rest, and stays far below the rotation size', async () => {
  const longPath = `/${'a-'.repeat(8_000)}`;
  const message = `404 on ${longPath} [GET]`;
  const lines = await withLogFile(({ logger }) => {
    logger.info(message, { method: 'GET', path: longPath });
  });
  assert.is(lines.length, 1);
  const line = lines[0] ?? '';
  assert.ok(line.length < 2 * MAX_LOGGED_CHARACTERS + 200, `the line is ${line.length} characters`);
  assert.match(line, `INFO: 404 on /a-a-a-`);
  assert.match(line, `… [${message.length - MAX_LOGGED_CHARACTERS} more characters] [in `);
  assert.match(line, ` path="/a-a-a-`);
  assert.match(line, `… [${longPath.length - MAX_LOGGED_CHARACTERS} more characters]"`);
});

test('when a cut would fall inside a surrogate pair, then the pair is kept whole or left out, never halved', async () => {
  const lines = await withLogFile(({ logger }) => {
    logger.info(`${'x'.repeat(MAX_LOGGED_CHARACTERS - 1)}😀 and more`);
  });
  assert.match(lines[0] ?? '', `: ${'x'.repeat(MAX_LOGGED_CHARACTERS - 1)}… [`);
  assert.not.match(lines[0] ?? '', /[\ud800-\udfff]/);
});

test.run();
