import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startAppProcess, type AppExit, type AppProcess } from '../support/app-process.js';
import { Browser } from '../support/browser.js';
import { lockDatabase } from '../support/database-lock.js';
import { startSilentServer } from '../support/smtp-test-server.js';

// `npm run test:soak` (a few minutes; CI runs it after `npm test`). The app as `npm start` runs it,
// with alert mail going to a server that accepts the connection and never answers, is stopped 20
// times at a random moment of a busy life: a flood of 404s for 16 KB paths (about the longest a
// request line can carry) written to the log, and writes that wait on a locked database and fail,
// whose alerts are then queued or being sent. Every stop must end the process cleanly within its
// deadline without the memory running away; a second signal ends it at once.

const ROUNDS = 20;
const AT_ONCE = 3;
/** The app's deadline from the first signal (src/serve.ts), plus the watchdog's margin and slack for a busy machine. */
const EXIT_BOUND_MS = 25_000 + 2_000 + 3_000;
/** The app runs at 150-300 MB under tsx; the failure this guards against grew to 7.5 GB. */
const RSS_BOUND_MB = 768;
const LONG_PATH_LENGTH = 15_800;
const PATH_SHAPES = ['a-', 'ab-', 'x=', "'", 'select ', '%20'];

type Outcome = Readonly<{ round: number; exit: AppExit; stopMs: number; peakRssMb: number; secondSignal: boolean; output: string }>;

function rssMb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0; // already gone
  }
}

async function longPathFlood(app: AppProcess, running: () => boolean): Promise<void> {
  for (let i = 0; running(); i++) {
    const unit = PATH_SHAPES[i % PATH_SHAPES.length] ?? 'a-';
    const path = `/${unit.repeat(Math.ceil(LONG_PATH_LENGTH / unit.length))}`.slice(0, LONG_PATH_LENGTH);
    // Refused connections end the flood's requests once the app stops listening.
    await fetch(`${app.baseUrl}${path}`).then((response) => response.arrayBuffer()).catch(() => undefined);
  }
}

/** Writes that wait for the locked database and then fail: alerts for the admins, two kinds and a repeat. */
function failingWrites(app: AppProcess): Promise<unknown>[] {
  return [
    (async () => new Browser(app.baseUrl).register('first'))(),
    (async () => new Browser(app.baseUrl).register('second'))(),
    (async () => new Browser(app.baseUrl).logIn('nobody', 'wrong-password'))(),
  ].map((write) => write.catch(() => undefined));
}

async function soakRound(round: number, smtpPort: number): Promise<Outcome> {
  const app = await startAppProcess({ mail: { port: smtpPort, admins: ['admin@example.com'] } });
  const lock = await lockDatabase(app.databasePath);
  let flooding = true;
  const floods = [longPathFlood(app, () => flooding), longPathFlood(app, () => flooding)];
  const writes = failingWrites(app);
  let peakRssMb = rssMb(app.pid);
  const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, rssMb(app.pid))), 100);
  try {
    // Anywhere from before the first 404 is answered to after the failed writes were alerted.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 7_000));
    const secondSignal = round % 5 === 4;
    const started = Date.now();
    app.signal('SIGTERM');
    if (secondSignal) setTimeout(() => app.signal('SIGTERM'), 500);
    const exit = await Promise.race([app.exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), EXIT_BOUND_MS))]);
    const stopMs = Date.now() - started;
    if (exit === null) {
      await app.stop().catch(() => undefined);
      assert.unreachable(`round ${round}: the app was still running ${EXIT_BOUND_MS} ms after SIGTERM:\n${app.output().slice(-3_000)}`);
    }
    return { round, exit: exit ?? { code: null, signal: null }, stopMs, peakRssMb, secondSignal, output: app.output() };
  } finally {
    clearInterval(sampler);
    flooding = false;
    await lock.release().catch(() => undefined);
    await Promise.all([...floods, ...writes]);
    await app.stop().catch(() => undefined);
  }
}

test(`when the app is stopped ${ROUNDS} times amid a long-line flood and pending alerts, then each stop ends it in time with its memory bounded`, async () => {
  const smtp = await startSilentServer();
  const outcomes: Outcome[] = [];
  try {
    for (let first = 0; first < ROUNDS; first += AT_ONCE) {
      const rounds = Array.from({ length: Math.min(AT_ONCE, ROUNDS - first) }, (_, i) => first + i);
      outcomes.push(...(await Promise.all(rounds.map((round) => soakRound(round, smtp.port)))));
    }
  } finally {
    await smtp.close();
  }
  for (const outcome of outcomes) {
    const tail = `round ${outcome.round} (${outcome.stopMs} ms):\n${outcome.output.slice(-2_000)}`;
    assert.ok(outcome.peakRssMb < RSS_BOUND_MB, `round ${outcome.round}: RSS reached ${outcome.peakRssMb.toFixed(0)} MB`);
    if (outcome.secondSignal) {
      assert.ok(outcome.exit.signal === 'SIGTERM' || outcome.exit.code === 0, `a second SIGTERM ends the stop at once or it had already ended; ${tail}`);
    } else {
      assert.equal(outcome.exit, { code: 0, signal: null }, `a clean stop; ${tail}`);
    }
  }
  const stops = outcomes.map((outcome) => outcome.stopMs).sort((a, b) => a - b);
  const peak = Math.max(...outcomes.map((outcome) => outcome.peakRssMb));
  console.log(`  ${ROUNDS} stops: median ${stops[Math.floor(stops.length / 2)]} ms, slowest ${stops.at(-1)} ms; peak RSS ${peak.toFixed(0)} MB`);
});

test.run();
