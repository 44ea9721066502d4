import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startAppProcess } from '../support/app-process.js';

// The stop that never ended: the program reading the app's stdout went away, the next log line
// failed with EPIPE, and logging that failure as fatal failed again, in a loop that kept a core busy,
// buffered every line in memory and never let the stop run. The app must let stdout go and stop.

const HANG_GUARD_MS = 40_000;

test('when whatever reads the app\'s stdout goes away and SIGTERM comes, then the app stops cleanly and its log file says so', async () => {
  const app = await startAppProcess();
  try {
    app.dropStdout();
    app.signal('SIGTERM');
    const exit = await Promise.race([app.exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), HANG_GUARD_MS))]);
    assert.equal(exit, { code: 0, signal: null }, 'a clean stop');
    const log = readFileSync(app.logFile, 'utf8');
    assert.match(log, 'WARN: Log lines can no longer be written to stdout (EPIPE); they go to the log file only');
    assert.match(log, 'INFO: Microblog shutdown (SIGTERM)');
    assert.not.match(log, 'Fatal');
  } finally {
    await app.stop();
  }
});

test.run();
