import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const FIXTURE = fileURLToPath(new URL('../support/bounded-stop-fixture.ts', import.meta.url));
const FIXTURE_DEADLINE_MS = 300;
// Only a guard against a test that would otherwise never end: the deadline under test is 0.3 s.
const HANG_GUARD_MS = 20_000;

type Ended = Readonly<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;

/** Starts the fixture, sends `signals` once it is ready (the later ones once it says it stops), and waits for the end. */
async function run(behaviour: string, signals: readonly NodeJS.Signals[]): Promise<Ended> {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, behaviour, String(FIXTURE_DEADLINE_MS)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const pending = [...signals];
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // The first signal once the fixture is ready, the next once it says it is stopping.
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    const sent = signals.length - pending.length;
    const due = sent === 0 ? stdout.includes('ready') : stdout.includes('stopping on');
    const signal = due ? pending.shift() : undefined;
    if (signal) child.kill(signal);
  });
  const guard = setTimeout(() => child.kill('SIGKILL'), HANG_GUARD_MS);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) => child.once('exit', (...ended) => done(ended)));
  clearTimeout(guard);
  return { code, signal, stdout, stderr };
}

test('when the stop finishes in time, then the process exits with its own code and says nothing on stderr', async () => {
  const ended = await run('clean', ['SIGTERM']);
  assert.equal([ended.code, ended.signal, ended.stderr], [0, null, '']);
  assert.match(ended.stdout, 'stopping on SIGTERM');
});

test('when the stop waits forever on the pool, a log stream or the mail queue, then at the deadline one stderr line says so and the exit code is 1', async () => {
  const ended = await run('hang', ['SIGINT']);
  assert.equal([ended.code, ended.signal], [1, null]);
  assert.is(ended.stderr, `Fixture: did not stop within ${FIXTURE_DEADLINE_MS / 1000} s of SIGINT; exiting\n`);
});

test('when the stop blocks the event loop, then the watchdog thread writes the line and kills the process', async () => {
  const ended = await run('spin', ['SIGTERM']);
  assert.is(ended.signal, 'SIGKILL', `ended with code ${ended.code}`);
  assert.match(ended.stderr, `Fixture: did not stop within ${FIXTURE_DEADLINE_MS / 1000} s of SIGTERM; exiting (event loop blocked; killing)`);
});

test('when a second signal comes during the stop, then it ends the process at once, even with the event loop blocked', async () => {
  for (const [behaviour, second] of [['slow', 'SIGTERM'], ['spin', 'SIGINT']] as const) {
    const ended = await run(behaviour, ['SIGTERM', second]);
    assert.is(ended.signal, second, `${behaviour}: ended with code ${ended.code}, signal ${ended.signal}`);
    assert.is(ended.stderr, '', `${behaviour}: ended before any deadline`);
  }
});

test.run();
