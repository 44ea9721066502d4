// The processes under load: the production build of the app (`dist/src/main.js`, started the way
// `npm start` starts it) and the baselines. Each runs in a child process of its own, beside the
// load generator (wrk, a process of its own too).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const APP_ENTRY_RELATIVE = 'dist/src/main.js';
const BARE_ENTRY = join(PROJECT_ROOT, 'bench', 'bare-server.ts');
const LADDER_ENTRY = join(PROJECT_ROOT, 'bench', 'ladder-server.ts');
const LAYERS_ENTRY = join(PROJECT_ROOT, 'bench', 'layers-server.ts');
// tsx runs the baseline's TypeScript; resolved here, since the server's working folder is a temporary one.
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;
const POLL_INTERVAL_MS = 5;

export type ServerProcess = Readonly<{
  name: string;
  baseUrl: string;
  pid: number;
  /** From spawn() to the first response to `readyPath`, in milliseconds. */
  startMs: number;
  /** Resident set size of the process now, from /proc, in MiB. */
  rssMiB: () => number;
  /** Where the process's stdout and stderr go (the app's log lines, say). */
  outputFile: string;
  stop: () => Promise<void>;
}>;

export type AppSettings = Readonly<{
  name: string;
  workDir: string;
  databasePath: string;
  secretKey: string;
  mail: Readonly<{ port: number; admins: string }> | null;
  /** SENTRY_DSN: an error tracker for the app to report to. */
  trackerDsn?: string;
  /** Extra Node flags, `--cpu-prof` say, before those of `npm start`. */
  nodeFlags?: readonly string[];
  /** The checkout whose build to start: this one unless another commit's is compared with it. */
  appRoot?: string;
}>;

/** `npm run build`: the bench measures what `npm start` runs. */
export function buildApp(appRoot = PROJECT_ROOT): void {
  const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: appRoot, stdio: 'inherit' });
  if (built.status !== 0) throw new Error(`npm run build failed (exit ${String(built.status)})`);
}

export async function startApp(settings: AppSettings): Promise<ServerProcess> {
  const port = await freePort();
  const appRoot = settings.appRoot ?? PROJECT_ROOT;
  const args = [...(settings.nodeFlags ?? []), ...startScriptFlags(appRoot), join(appRoot, APP_ENTRY_RELATIVE)];
  return startServer(settings.name, settings.workDir, port, args, appEnvironment(settings, port), '/login');
}

/** Opens the line on which a layers server prints the names of all the app's layers. */
export const LAYER_NAMES_PREFIX = 'layers: ';

/**
 * The app's first `count` middleware layers (bench/layers-server.ts), configured as `startApp`
 * configures the app, then an answer of the page `pages` holds for the path.
 */
export async function startLayers(settings: AppSettings, count: number, pages: BarePages): Promise<ServerProcess> {
  const port = await freePort();
  const pagesFile = join(settings.workDir, `${settings.name}-pages.json`);
  writeFileSync(pagesFile, JSON.stringify(pages));
  const env = { ...appEnvironment(settings, port), LAYERS_COUNT: String(count), LAYERS_PAGES_FILE: pagesFile };
  return startServer(settings.name, settings.workDir, port, [...startScriptFlags(), `--import=${TSX_LOADER}`, LAYERS_ENTRY], env, '/login');
}

function appEnvironment(settings: AppSettings, port: number): Record<string, string> {
  const logDir = join(settings.workDir, `logs-${settings.name}`);
  mkdirSync(logDir, { recursive: true });
  // A clean environment: nothing from the developer's shell leaks in, and the working folder is a
  // temporary one, so no `.env` file is read either.
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    SECRET_KEY: settings.secretKey,
    DATABASE_URL: `sqlite:${settings.databasePath}`,
    LOG_DIR: logDir,
    INSTANCE_DIR: join(settings.workDir, 'instance'),
    // As behind a proxy: the login burst's people each come from an address of their own (see site.ts).
    TRUST_PROXY: '1',
    ...(settings.mail
      ? { MAIL_SERVER: '127.0.0.1', MAIL_PORT: String(settings.mail.port), ADMINS: settings.mail.admins, MAIL_FROM: 'bench@example.com' }
      : {}),
    ...(settings.trackerDsn ? { SENTRY_DSN: settings.trackerDsn } : {}),
  };
}

/**
 * The Node flags of `npm start`, read from package.json's `start` script: the bench starts the app
 * as production does (source maps, heap sizing), without npm's own process in between.
 */
export function startScriptFlags(appRoot = PROJECT_ROOT): string[] {
  const manifest = JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as { scripts?: { start?: string } };
  const words = (manifest.scripts?.start ?? '').split(/\s+/);
  const node = words.indexOf('node');
  const entry = words.indexOf(APP_ENTRY_RELATIVE);
  if (node === -1 || entry < node) throw new Error(`the start script does not run "node … ${APP_ENTRY_RELATIVE}": ${manifest.scripts?.start ?? '(none)'}`);
  return words.slice(node + 1, entry);
}

export type BareServer = 'koa' | 'node-http';

/** What a bare server answers, by path: the app's own status and bytes for that path. */
export type BarePages = Readonly<Record<string, Readonly<{ status: number; body: string }>>>;

/** A baseline: Koa, or Node's HTTP server alone, answering each path of `pages` with its page. */
export async function startBare(workDir: string, pages: BarePages, server: BareServer): Promise<ServerProcess> {
  const port = await freePort();
  const pagesFile = join(workDir, `bare-${server}-pages.json`);
  writeFileSync(pagesFile, JSON.stringify(pages));
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', NODE_ENV: 'production', PORT: String(port), BARE_PAGES_FILE: pagesFile, BARE_SERVER: server };
  return startServer(`bare-${server}`, workDir, port, [`--import=${TSX_LOADER}`, BARE_ENTRY], env, '/');
}

/** One rung of the ladder (bench/ladder-server.ts) on the SQLite file `databasePath`. */
export async function startRung(workDir: string, step: string, databasePath: string, token: string): Promise<ServerProcess> {
  const port = await freePort();
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin', NODE_ENV: 'production', PORT: String(port),
    LADDER_STEP: step, LADDER_DATABASE: databasePath, LADDER_TOKEN: token, LADDER_VIEWS: join(PROJECT_ROOT, 'views'), LADDER_LOCALES: join(PROJECT_ROOT, 'locales'),
  };
  return startServer(`ladder-${step}`, workDir, port, [`--import=${TSX_LOADER}`, LADDER_ENTRY], env, '/');
}

async function startServer(
  name: string, workDir: string, port: number, args: string[], env: Record<string, string>, readyPath: string,
): Promise<ServerProcess> {
  const outputFile = join(workDir, `${name}.out`);
  // A file, as under systemd or a container runtime: the app's stdout lines cost what they cost there.
  const output = openSync(outputFile, 'a');
  const baseUrl = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: workDir, env, stdio: ['ignore', output, output] });
  closeSync(output);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  try {
    await waitUntilServing(baseUrl + readyPath, child, outputFile);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const startMs = performance.now() - started;
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${name} has no pid`);
  return {
    name,
    baseUrl,
    pid,
    startMs,
    rssMiB: () => readRssMiB(pid),
    outputFile,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitUntilServing(url: string, child: ChildProcess, outputFile: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before serving:\n${tail(outputFile)}`);
    if (await answers(url)) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  throw new Error(`server did not answer ${url} within ${START_TIMEOUT_MS} ms:\n${tail(outputFile)}`);
}

/** True once the server sends any complete response. */
function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(true));
      res.on('error', () => resolve(false));
    });
    req.on('error', () => resolve(false));
    req.end();
  });
}

function readRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kib === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kib) / 1024;
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(-4000);
  } catch {
    return '';
  }
}

/** A loopback port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
