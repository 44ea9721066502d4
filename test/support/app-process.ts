// The real app as its users run it: `src/main.ts` in a child process, configured only through its
// environment, on a free loopback port with its own temporary database, log folder and instance
// folder. Nothing in the app knows it is under test.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { unusedPort } from './smtp-test-server.js';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ENTRY = join(PROJECT_ROOT, 'src', 'main.ts');
export const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export const APP_PROCESS_SECRET_KEY = 'e2e-only-secret-key-0123456789abcdefghijklmnopq';
// Generous: under load (2 cores, several workers each compiling the TypeScript with tsx) a start takes tens of seconds.
const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 15_000;
const OUTPUT_LIMIT = 64 * 1024;

export type AppProcessOptions = Readonly<{
  mode?: 'production' | 'development';
  /** Where alert emails go; without it the app sends none. */
  mail?: Readonly<{ port: number; admins: readonly string[]; from?: string }>;
  /** More of the app's environment, over the defaults here (DATABASE_URL, WEB_CONCURRENCY, ...). */
  env?: Readonly<Record<string, string>>;
}>;

export type AppProcess = Readonly<{
  baseUrl: string;
  pid: number;
  /** The SQLite file the app uses, for tests that make it unavailable under the app. */
  databasePath: string;
  logFile: string;
  /** The tail of what the process printed, for failure messages. */
  output: () => string;
  /** The tail of what the process printed on stderr alone. */
  errors: () => string;
  /** SIGTERM, then waits for the exit (SIGKILL after a bound); resolves with the exit code. */
  stop: () => Promise<number | null>;
  /** Sends a signal and nothing else: for tests of how the app stops. */
  signal: (signal: NodeJS.Signals) => void;
  /** Settles when the process has ended, with its exit code or the signal that ended it. */
  exited: Promise<AppExit>;
  /** Closes the reading end of the app's stdout, as when the terminal or the program that started it goes away. */
  dropStdout: () => void;
}>;

export type AppExit = Readonly<{ code: number | null; signal: NodeJS.Signals | null }>;

export async function startAppProcess(options: AppProcessOptions = {}): Promise<AppProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'microblog-e2e-'));
  const port = await unusedPort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const databasePath = join(dir, 'app.db');
  const env: Record<string, string> = {
    // A clean environment: nothing from the developer's shell (NODE_ENV, MAIL_*, DATABASE_URL) leaks in,
    // and the working folder is the temporary one, so no `.env` file is read either.
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    TSX_TSCONFIG_PATH: join(PROJECT_ROOT, 'tsconfig.json'),
    NODE_ENV: options.mode ?? 'production',
    // Development as `npm run dev` runs it: with the debug page, which is never on by default.
    ...(options.mode === 'development' ? { MICROBLOG_DEBUG: '1' } : {}),
    HOST: '127.0.0.1',
    PORT: String(port),
    SECRET_KEY: APP_PROCESS_SECRET_KEY,
    DATABASE_URL: `sqlite:${databasePath}`,
    LOG_DIR: join(dir, 'logs'),
    INSTANCE_DIR: join(dir, 'instance'),
    ...(options.mail
      ? {
          MAIL_SERVER: '127.0.0.1',
          MAIL_PORT: String(options.mail.port),
          ADMINS: options.mail.admins.join(','),
          MAIL_FROM: options.mail.from ?? 'microblog@example.com',
        }
      : {}),
    ...options.env,
  };
  const child = spawn(process.execPath, ['--enable-source-maps', `--import=${TSX_LOADER}`, ENTRY], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.stderr.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
  });
  const ended = new Promise<AppExit>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  const exited = ended.then(({ code }) => code);
  // If the test runner itself dies, the app must not outlive it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  let stopped: Promise<number | null> | null = null;
  const stop = () => {
    stopped ??= (async () => {
      try {
        return await terminate(child, exited);
      } finally {
        process.removeListener('exit', killOnExit);
        rmSync(dir, { recursive: true, force: true });
      }
    })();
    return stopped;
  };

  try {
    await waitUntilAnswering(baseUrl, exited, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    baseUrl,
    pid: child.pid ?? 0,
    databasePath,
    logFile: join(dir, 'logs', 'microblog.log'),
    output: () => output,
    errors: () => errors,
    stop,
    signal: (signal) => child.kill(signal),
    exited: ended,
    dropStdout: () => child.stdout.destroy(),
  };
}

async function waitUntilAnswering(baseUrl: string, exited: Promise<number | null>, output: () => string): Promise<void> {
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`the app exited with code ${exitCode} before answering:\n${output()}`);
    try {
      const response = await fetch(`${baseUrl}/login`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      return;
    } catch {
      await new Promise((settle) => setTimeout(settle, 100));
    }
  }
  throw new Error(`the app did not answer at ${baseUrl} within ${START_TIMEOUT_MS} ms:\n${output()}`);
}

async function terminate(child: ChildProcess, exited: Promise<number | null>): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return exited;
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((done) => (timer = setTimeout(() => done('timeout'), STOP_TIMEOUT_MS)));
  const result = await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  if (result !== 'timeout') return result;
  child.kill('SIGKILL');
  await exited;
  throw new Error(`the app did not stop within ${STOP_TIMEOUT_MS} ms of SIGTERM`);
}
