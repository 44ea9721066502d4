import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { APP_PROCESS_SECRET_KEY, TSX_LOADER } from '../support/app-process.js';
import { startSentryTestServer } from '../support/sentry-test-server.js';
import { unusedPort } from '../support/smtp-test-server.js';

type Outcome = Readonly<{ code: number; output: string }>;

// A clean environment in a temporary folder: no `.env`, nothing of the developer's shell.
function run(script: string, args: readonly string[], env: Record<string, string>): Promise<Outcome> {
  const dir = mkdtempSync(join(tmpdir(), 'microblog-fatal-'));
  return new Promise<Outcome>((done) => {
    execFile(
      process.execPath,
      ['--enable-source-maps', `--import=${TSX_LOADER}`, resolve(script), ...args],
      {
        cwd: dir,
        timeout: 60_000,
        env: {
          PATH: process.env.PATH ?? '',
          TSX_TSCONFIG_PATH: resolve('tsconfig.json'),
          NODE_ENV: 'production',
          SECRET_KEY: APP_PROCESS_SECRET_KEY,
          LOG_DIR: join(dir, 'logs'),
          INSTANCE_DIR: join(dir, 'instance'),
          ...env,
        },
      },
      (error, stdout, stderr) => done({ code: typeof error?.code === 'number' ? error.code : 0, output: stdout + stderr }),
    );
  }).finally(() => rmSync(dir, { recursive: true, force: true }));
}

for (const kind of ['exception', 'rejection'] as const) {
  test(`when an ${kind === 'exception' ? 'uncaught exception' : 'unhandled rejection'} stops the process, then the tracker has its fatal event before the exit`, async () => {
    const tracker = await startSentryTestServer();
    try {
      const outcome = await run('test/support/fatal-error-fixture.ts', [kind], { SENTRY_DSN: tracker.dsn });
      assert.is(outcome.code, 1, outcome.output);
      const [event] = tracker.events();
      assert.is(tracker.events().length, 1, outcome.output);
      assert.is(event?.level, 'fatal');
      assert.is(event?.exception?.values.at(-1)?.type, 'FixtureFailure');
      assert.is(event?.contexts?.log?.message, kind === 'exception' ? 'Fatal: uncaught exception' : 'Fatal: unhandled promise rejection');
      const frames = event?.exception?.values.at(-1)?.stacktrace?.frames ?? [];
      assert.ok(frames.some((frame) => frame.filename?.endsWith('test/support/fatal-error-fixture.ts')), JSON.stringify(frames));
    } finally {
      await tracker.close();
    }
  });
}

test('when the start fails after logging is up, then the failure is reported without the database password and the process exits 1', async () => {
  const tracker = await startSentryTestServer();
  const password = 'db-Pa55word-start-failure';
  try {
    const outcome = await run('src/main.ts', [], {
      SENTRY_DSN: tracker.dsn,
      PORT: String(await unusedPort()),
      DATABASE_URL: `postgresql://microblog:${password}@127.0.0.1:${await unusedPort()}/microblog`,
    });
    assert.is(outcome.code, 1, outcome.output);
    const [event] = tracker.events();
    assert.is(tracker.events().length, 1, outcome.output);
    assert.is(event?.level, 'fatal');
    assert.is(event?.contexts?.log?.message, 'Fatal: the start failed');
    assert.not.match(tracker.receivedText(), password);
    assert.not.match(outcome.output, password);
  } finally {
    await tracker.close();
  }
});

test('when SENTRY_DSN is not set, then the SDK is never loaded (and with it, it is)', async () => {
  const without = await run('test/support/loaded-modules-fixture.ts', [], {});
  assert.is(without.code, 0, without.output);
  assert.is(without.output.trim(), 'sentry modules loaded: 0');
  const tracker = await startSentryTestServer();
  try {
    const loaded = await run('test/support/loaded-modules-fixture.ts', [], { SENTRY_DSN: tracker.dsn });
    assert.is(loaded.code, 0, loaded.output);
    assert.match(loaded.output, /sentry modules loaded: [1-9]\d*/);
  } finally {
    await tracker.close();
  }
});

test.run();
