// `npm run bench`: builds the app, starts its production build on a temporary SQLite file seeded
// with users, starts a bare Koa server and a bare node:http server beside it, loads them all with
// wrk and prints the table. Also written to bench/results/latest.json. Knobs: bench/settings.ts.
// With --ladder, the ladder instead (bench/ladder.ts): what each layer of a page costs. With
// --layers, the app's own middleware stack rung by rung (bench/layers.ts). With --search, only the
// search case (bench/search.ts), printed and not written to latest.json, which holds full runs.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { startSilentServer, startSmtpTestServer } from '../test/support/smtp-test-server.js';
import { hideUsersTable, restoreUsersTable } from './fault.js';
import { addResetBacklog, backlogLeft, clearJobs, measureQueue } from './jobs.js';
import { runLadder } from './ladder.js';
import { runLayers } from './layers.js';
import { probe, requireWrk, runLoad, type LoadRequest, type LoadResult } from './load.js';
import { buildApp, PROJECT_ROOT, startApp, startBare, type AppSettings, type ServerProcess } from './processes.js';
import {
  allChecks, formatReport, formatSearch, summarizeCase, summarizeErrorPath, summarizeJobs, summarizeMemory, summarizeSearch, summarizeStart, summarizeTimeline,
  type BenchReport, type CaseSpec,
} from './report.js';
import { PAGE_CASES, type Case } from './cases.js';
import { readSettings } from './settings.js';
import { measureSearch, SEARCH_POSTS, SEARCHES } from './search.js';
import { answerOf, prepareSite, seedUsername, seedUsers, type Site } from './site.js';
import { measureTimelines, TIMELINE_AUTHORS, TIMELINE_POSTS, type TimelineOptions } from './timeline.js';
import { silentTrackerDsn, startTrackerSink } from './tracker-sink.js';

const settings = readSettings(process.env);
const startedAt = new Date().toISOString();
const machineAtStart = machine();
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);

const LOGIN_CASE: Case = { id: 'login-post', title: 'POST /login (scrypt N=2^17)', kind: 'login', expect: 302, request: (site) => site.requests.loginPost };
const BESIDE_LOGIN_CASE: CaseSpec = { id: 'index-beside-login', title: 'GET /index (logged in), 2 connections beside the POST /login load', kind: 'beside-login', expect: 200 };
// A login waits for its hash behind every other connection's: give it time rather than count timeouts.
const LOGIN_TIMEOUT_S = 120;
const BESIDE_LOGIN_CONNECTIONS = 2;

const workDir = mkdtempSync(join(tmpdir(), 'microblog-bench-'));
const databasePath = join(workDir, 'bench.db');
const secretKey = randomBytes(36).toString('base64url');
const running = new Set<ServerProcess>();

async function start(settingsFor: AppSettings): Promise<ServerProcess> {
  const server = await startApp(settingsFor);
  running.add(server);
  return server;
}

async function stop(server: ServerProcess): Promise<void> {
  running.delete(server);
  await server.stop();
}

async function main(): Promise<void> {
  requireWrk();
  log(`settings ${JSON.stringify(settings)}`);
  log('building the app (npm run build)');
  buildApp();

  const fastMail = await startSmtpTestServer();
  const slowMail = await startSilentServer();
  const appSettings = (name: string, mailPort: number): AppSettings => ({
    name, workDir, databasePath, secretKey, mail: { port: mailPort, admins: 'admin@example.com' },
  });

  // Start time: the first start creates and migrates the database; restarts are what a deploy sees.
  log('first start on an empty database, seeding users through POST /register');
  const first = await start(appSettings('first', fastMail.port));
  await seedUsers(first.baseUrl, settings.users);
  await stop(first);
  const restartsMs: number[] = [];
  for (let run = 0; run < settings.startRuns; run++) {
    const restarted = await start(appSettings(`restart-${run}`, fastMail.port));
    restartsMs.push(restarted.startMs);
    await stop(restarted);
  }
  log(`start: first ${first.startMs.toFixed(0)} ms, restarts ${restartsMs.map((ms) => ms.toFixed(0)).join(', ')} ms`);

  const app = await start(appSettings('app', fastMail.port));
  const loginUsers = Array.from({ length: settings.users - 2 }, (_, index) => seedUsername(index + 2));
  const site = await prepareSite(app.baseUrl, seedUsername(0), seedUsername(1), loginUsers);
  // Each case's twin answers the case's own path with the app's own status and bytes for it.
  const pages: Record<string, { status: number; body: string }> = {};
  for (const testCase of PAGE_CASES) {
    const answer = await answerOf(app.baseUrl, testCase.request(site));
    if (answer.status !== testCase.expect) throw new Error(`${testCase.title} answered ${answer.status} before the load, expected ${testCase.expect}`);
    pages[testCase.request(site).path] = answer;
  }
  const bare = await startBare(workDir, pages, 'koa');
  running.add(bare);
  const nodeHttp = await startBare(workDir, pages, 'node-http');
  running.add(nodeHttp);
  log(`app ${app.baseUrl} (pid ${app.pid}), bare Koa ${bare.baseUrl}, bare node:http ${nodeHttp.baseUrl}; pages ${PAGE_CASES.map((testCase) => `${testCase.id} ${Buffer.byteLength(pages[testCase.request(site).path]?.body ?? '')} B`).join(', ')}`);

  const load = (baseUrl: string, request: LoadRequest, durationS: number) =>
    runLoad({ baseUrl, requests: [request], connections: settings.connections, durationS });
  const servers = { app, bare, nodeHttp };
  type Side = keyof typeof servers;
  const SIDES: readonly Side[] = ['bare', 'nodeHttp', 'app'];

  log(`warm-up: ${settings.warmupS} s per case and server`);
  for (const testCase of PAGE_CASES) {
    for (const side of SIDES) await load(servers[side].baseUrl, testCase.request(site), settings.warmupS);
  }
  const afterWarmupMiB = app.rssMiB();

  // Rounds interleave the cases and each case's twins, so a noisy minute on the machine spreads over
  // all of them and a ratio compares runs seconds apart.
  const caseRounds = new Map(PAGE_CASES.map((testCase) => [testCase.id, { app: [] as LoadResult[], bare: [] as LoadResult[], nodeHttp: [] as LoadResult[] }]));
  for (let round = 1; round <= settings.rounds; round++) {
    log(`round ${round}/${settings.rounds}`);
    for (const testCase of PAGE_CASES) {
      const rounds = caseRounds.get(testCase.id);
      if (!rounds) continue;
      for (const side of SIDES) rounds[side].push(await load(servers[side].baseUrl, testCase.request(site), settings.durationS));
      const last = (side: Side) => rounds[side].at(-1)?.requestsPerSecond.toFixed(0);
      log(`  ${testCase.title}: app ${last('app')} req/s (p99 ${rounds.app.at(-1)?.p99Ms.toFixed(1)} ms), bare Koa ${last('bare')}, bare node:http ${last('nodeHttp')}`);
    }
  }
  await stop(bare);
  await stop(nodeHttp);

  const perRound = Math.ceil(settings.memoryRequests / settings.memoryRounds);
  log(`memory: ${settings.memoryRounds} rounds of ${perRound} mixed requests`);
  const afterRoundsMiB: number[] = [];
  const mix = PAGE_CASES.map((testCase) => testCase.request(site));
  for (let round = 1; round <= settings.memoryRounds; round++) {
    await runLoad({ baseUrl: app.baseUrl, requests: mix, connections: settings.connections, amount: perRound });
    afterRoundsMiB.push(app.rssMiB());
    log(`  after round ${round}: ${afterRoundsMiB.at(-1)?.toFixed(0)} MB`);
  }

  log(`POST /login: ${settings.loginRounds} × ${settings.loginDurationS} s, then once more beside ${BESIDE_LOGIN_CONNECTIONS} connections of GET /index`);
  const loginStatus = await probe(app.baseUrl, LOGIN_CASE.request(site));
  if (loginStatus !== LOGIN_CASE.expect) throw new Error(`POST /login answered ${loginStatus} before the load, expected ${LOGIN_CASE.expect}`);
  const loginRounds: LoadResult[] = [];
  for (let round = 1; round <= settings.loginRounds; round++) {
    loginRounds.push(await runLoad({
      baseUrl: app.baseUrl, requests: site.loginPosts, connections: settings.connections,
      durationS: settings.loginDurationS, timeoutS: LOGIN_TIMEOUT_S,
    }));
    await drainLogins(app.baseUrl, site);
  }
  // The rest of the site while logins queue for their hashes: a few logged-in readers beside the burst.
  const [burstLogin, besideLogin] = await Promise.all([
    runLoad({ baseUrl: app.baseUrl, requests: site.loginPosts, connections: settings.connections, durationS: settings.loginDurationS, timeoutS: LOGIN_TIMEOUT_S }),
    runLoad({ baseUrl: app.baseUrl, requests: [site.requests.index], connections: BESIDE_LOGIN_CONNECTIONS, durationS: settings.loginDurationS, timeoutS: LOGIN_TIMEOUT_S }),
  ]);
  log(`  beside the login burst (${burstLogin.completed} logins): GET /index ${besideLogin.requestsPerSecond.toFixed(0)} req/s, p99 ${besideLogin.p99Ms.toFixed(0)} ms`);
  await drainLogins(app.baseUrl, site);
  const afterLoginMiB = app.rssMiB();

  // The same load on the logged-in index just before and while the app works off a backlog.
  log(`GET /index without and then with ${settings.jobBacklog} due password reset jobs`);
  const withoutBacklog = await load(app.baseUrl, site.requests.index, settings.durationS);
  await addResetBacklog(databasePath, settings.jobBacklog, [seedUsername(0), ...loginUsers].map((name) => `${name}@example.com`));
  const withBacklog = await load(app.baseUrl, site.requests.index, settings.durationS);
  const left = await backlogLeft(databasePath);
  log(`  ${withoutBacklog.requestsPerSecond.toFixed(0)} req/s without, ${withBacklog.requestsPerSecond.toFixed(0)} req/s with (${settings.jobBacklog - left} jobs done meanwhile)`);
  await stop(app);
  // What is left of the backlog must not work in the background of the measurements to come.
  await clearJobs(databasePath);
  log(`job queue: ${settings.queueJobs} no-op jobs, then ${settings.queueSamples} enqueued one at a time`);
  const queue = await measureQueue(workDir, settings.queueJobs, settings.queueSamples);
  log(`  ${queue.jobsPerSecond.toFixed(0)} jobs/s; enqueue to start p50 ${queue.enqueueToStartMs.p50.toFixed(1)} ms, p99 ${queue.enqueueToStartMs.p99.toFixed(1)} ms`);

  const tracker = await startTrackerSink();
  const slowTracker = await startSilentServer();
  const errorPath = await measureErrorPath(site, {
    fastMail: appSettings('fast-mail', fastMail.port),
    slowMail: appSettings('slow-mail', slowMail.port),
    trackerAnswering: { ...appSettings('tracker-answering', fastMail.port), trackerDsn: tracker.dsn },
    trackerSilent: { ...appSettings('tracker-silent', fastMail.port), trackerDsn: silentTrackerDsn(slowTracker.port) },
  });
  // The reset emails of the job backlog went to the same server.
  const alertEmails = fastMail.received().filter((mail) => mail.subject.startsWith('Microblog Failure')).length;
  const trackerEnvelopes = tracker.envelopes();
  await fastMail.close();
  await slowMail.close();
  await tracker.close();
  await slowTracker.close();

  const ownApps = ownAppOptions();
  const timelineRuns = await measureTimelines(ownApps);
  const searchRuns = await measureSearch(ownApps);

  const report: BenchReport = {
    startedAt,
    machine: { ...machineAtStart, loadAverageAtEnd: loadavg().map((value) => Number(value.toFixed(2))) },
    settings: { ...settings },
    cases: [
      ...PAGE_CASES.map((testCase) => {
        const rounds = caseRounds.get(testCase.id);
        return summarizeCase(testCase, rounds?.app ?? [], rounds ?? null);
      }),
      summarizeCase(LOGIN_CASE, loginRounds),
      summarizeCase(BESIDE_LOGIN_CASE, [besideLogin]),
    ],
    errorPath: summarizeErrorPath(errorPath, alertEmails, trackerEnvelopes),
    timeline: summarizeTimeline(TIMELINE_AUTHORS, TIMELINE_POSTS, timelineRuns),
    search: summarizeSearch(SEARCH_POSTS, SEARCHES, searchRuns),
    memory: summarizeMemory(afterWarmupMiB, perRound, afterRoundsMiB, afterLoginMiB),
    start: summarizeStart(first.startMs, restartsMs),
    jobs: summarizeJobs(queue, settings.jobBacklog, left, [withoutBacklog], [withBacklog]),
  };
  const resultsDir = join(PROJECT_ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);

  process.stdout.write(`\n${formatReport(report)}\n\n`);
  const missed = allChecks(report).filter((check) => !check.met);
  process.stdout.write(missed.length === 0 ? 'All targets met.\n' : `Targets not met:\n${missed.map((check) => `  ✗ ${check.target}`).join('\n')}\n`);
  if (settings.quick) process.stdout.write('(BENCH_QUICK=1: a smoke run; its figures are too short to trust.)\n');
  process.stdout.write('Written to bench/results/latest.json\n');
}

// The timeline's and the search's cases each run in app processes of their own, on their own databases.
function ownAppOptions(): TimelineOptions {
  return {
    appSettings: (name, path) => ({ name, workDir, databasePath: path, secretKey, mail: null }),
    start,
    stop,
    workDir,
    connections: settings.connections,
    warmupS: settings.warmupS,
    durationS: settings.durationS,
    rounds: settings.rounds,
    log,
  };
}

/** The search case alone: its table and whether it met its targets. */
async function searchOnly(): Promise<void> {
  requireWrk();
  log(`settings ${JSON.stringify(settings)}; load average ${loadavg().map((value) => value.toFixed(2)).join(' / ')}`);
  buildApp();
  const summary = summarizeSearch(SEARCH_POSTS, SEARCHES, await measureSearch(ownAppOptions()));
  const missed = summary.checks.filter((check) => !check.met);
  process.stdout.write(`\nNode ${process.versions.node} · load average ${loadavg().map((value) => value.toFixed(2)).join(' / ')} at end · ${settings.connections} connections, ${settings.rounds} rounds × ${settings.durationS} s (medians)\n\n`);
  process.stdout.write(`${formatSearch(summary).join('\n')}\n\n`);
  process.stdout.write(missed.length === 0 ? 'All search targets met.\n' : `Targets not met:\n${missed.map((check) => `  ✗ ${check.target}`).join('\n')}\n`);
}

/**
 * When a run's time is up, the logins it left in flight are still queued for their hashes in the
 * app (seconds of work): one more login waits behind them all, so the next run starts clean.
 */
async function drainLogins(baseUrl: string, site: Site): Promise<void> {
  const status = await probe(baseUrl, LOGIN_CASE.request(site));
  if (status !== LOGIN_CASE.expect) throw new Error(`POST /login answered ${status} after a run, expected ${LOGIN_CASE.expect}`);
}

type ErrorPathSides<T> = Readonly<{ fastMail: T; slowMail: T; trackerAnswering: T; trackerSilent: T }>;

/**
 * The 500 path: fresh app processes on the same database, alerting through a working mail server,
 * through one that accepts the connection and never answers, and (mail working) reporting to an
 * error tracker that answers at once or to one that never answers. The users table is renamed away
 * under them all, so a logged-in page fails with a real driver error; the identical load is sent to
 * each in turn, the order rotating from round to round.
 */
async function measureErrorPath(site: Site, sides: ErrorPathSides<AppSettings>): Promise<ErrorPathSides<LoadResult[]>> {
  log(`500 path: ${settings.errorRounds} rounds × ${settings.errorDurationS} s per side (mail fast and slow, tracker answering and silent)`);
  const names = ['fastMail', 'slowMail', 'trackerAnswering', 'trackerSilent'] as const;
  const apps = new Map<string, ServerProcess>();
  for (const name of names) apps.set(name, await start(sides[name]));
  const results: ErrorPathSides<LoadResult[]> = { fastMail: [], slowMail: [], trackerAnswering: [], trackerSilent: [] };
  const request = site.requests.index;
  await hideUsersTable(databasePath);
  try {
    for (const server of apps.values()) {
      const status = await probe(server.baseUrl, request);
      if (status !== 500) throw new Error(`${server.name}: GET /index answered ${status} with the users table gone, expected 500`);
      await runLoad({ baseUrl: server.baseUrl, requests: [request], connections: settings.connections, durationS: settings.warmupS });
    }
    for (let round = 1; round <= settings.errorRounds; round++) {
      // The order rotates, so no side always runs on the heels of the same other.
      for (let turn = 0; turn < names.length; turn++) {
        const name = names[(round + turn) % names.length] ?? 'fastMail';
        const server = apps.get(name);
        if (server) results[name].push(await runLoad({ baseUrl: server.baseUrl, requests: [request], connections: settings.connections, durationS: settings.errorDurationS }));
      }
      log(`  round ${round}: ${names.map((name) => `${name} ${results[name].at(-1)?.requestsPerSecond.toFixed(0)} req/s`).join(', ')}`);
    }
  } finally {
    await restoreUsersTable(databasePath);
  }
  const healed = await probe(apps.get('fastMail')?.baseUrl ?? '', request);
  if (healed !== 200) throw new Error(`GET /index answered ${healed} after the users table came back, expected 200`);
  for (const server of apps.values()) await stop(server);
  return results;
}

function machine(): Record<string, unknown> {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: PROJECT_ROOT, encoding: 'utf8' }).stdout?.trim() ?? '';
  const commit = git('rev-parse', '--short', 'HEAD') || 'unknown';
  const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
  return {
    node: process.versions.node,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    loadAverageAtStart: loadavg().map((value) => Number(value.toFixed(2))),
    commit: commit + (dirty ? '+uncommitted' : ''),
  };
}

try {
  const layers = process.argv.find((arg) => arg === '--layers' || arg.startsWith('--layers='));
  if (process.argv.includes('--ladder')) process.stdout.write(`\n${await runLadder(settings, log)}\n`);
  else if (layers) process.stdout.write(`\n${await runLayers(settings, log, layers.split('=')[1])}\n`);
  else if (process.argv.includes('--search')) await searchOnly();
  else await main();
} catch (error) {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
} finally {
  await Promise.all([...running].map((server) => server.stop()));
  if (process.exitCode === 1) log(`kept ${workDir} for inspection`);
  else rmSync(workDir, { recursive: true, force: true });
}
