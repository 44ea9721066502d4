// `npm run bench:compare -- <commit>`: what the changes since <commit> cost the pages. Builds this
// checkout and <commit> (in a temporary git worktree), starts both production builds on databases
// seeded alike, and loads every page case on both and on the case's bare Koa twin, interleaved round
// by round with the order rotating, so that a noisy minute on the machine falls on all three. Prints
// a table: each build's requests/s and ratio to the twin, and the change (median over rounds of this
// build's req/s over the other's in the same round). With `--search` it loads the search case's
// requests instead (each search and publishing a post, on 100 000 posts in each build's database),
// with no twin. Knobs: those of bench/settings.ts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PAGE_CASES } from './cases.js';
import { median, requireWrk, type LoadRequest, type LoadResult } from './load.js';
import { buildApp, PROJECT_ROOT, startApp, startBare, type ServerProcess } from './processes.js';
import { loadInRounds } from './rungs.js';
import { readSettings } from './settings.js';
import { prepareSearch, SEARCHES, type SearchRequests } from './search.js';
import { answerOf, prepareSite, seedUsername, seedUsers } from './site.js';

const settings = readSettings(process.env);
const log = (message: string) => process.stderr.write(`bench:compare: ${message}\n`);
// A viewer, the author the viewer follows, and one more for the site's login requests.
const USERS = 3;

type Build = Readonly<{ label: string; server: ServerProcess; requests: ReadonlyMap<string, LoadRequest> }>;
/** Each side's runs of one case, round by round: this checkout, the other commit, the twin. */
type Runs = Readonly<Record<'here' | 'other' | 'twin', readonly LoadResult[]>>;

const [commitArgument, mode] = process.argv.slice(2);
if (!commitArgument || (mode !== undefined && mode !== '--search')) {
  process.stderr.write('usage: npm run bench:compare -- <commit> [--search]\n');
  process.exit(2);
}
const commit = commitArgument;

const workDir = mkdtempSync(join(tmpdir(), 'microblog-compare-'));
const otherRoot = join(workDir, 'other');
const running: ServerProcess[] = [];
try {
  requireWrk();
  git('worktree', 'add', '--detach', otherRoot, commit);
  installDependencies(otherRoot);
  log('building both (npm run build)');
  buildApp();
  buildApp(otherRoot);
  const report = mode === '--search' ? await compareSearch() : await comparePages();
  process.stdout.write(`\n${report}\n\nload average at the end: ${loadavg().map((value) => value.toFixed(2)).join(' ')}\n`);
} finally {
  await Promise.all(running.map((server) => server.stop()));
  if (existsSync(otherRoot)) git('worktree', 'remove', '--force', otherRoot);
  rmSync(workDir, { recursive: true, force: true });
}

async function comparePages(): Promise<string> {
  const here = await startBuild('this checkout', PROJECT_ROOT);
  const other = await startBuild(commit, otherRoot);

  // Each case's twin answers with this build's bytes; both builds are divided by the same twin.
  const pages: Record<string, { status: number; body: string }> = {};
  for (const testCase of PAGE_CASES) {
    for (const build of [here, other]) {
      const answer = await answerOf(build.server.baseUrl, requestOf(build, testCase.id));
      if (answer.status !== testCase.expect) throw new Error(`${build.label}: ${testCase.title} answered ${answer.status}, expected ${testCase.expect}`);
      if (build === here) pages[requestOf(build, testCase.id).path] = answer;
    }
  }
  const twin = await startBare(workDir, pages, 'koa');
  running.push(twin);
  const results = new Map<string, Runs>();
  for (const testCase of PAGE_CASES) {
    log(testCase.title);
    const hereSide = { server: here.server, request: requestOf(here, testCase.id) };
    const otherSide = { server: other.server, request: requestOf(other, testCase.id) };
    const twinSide = { server: twin, request: requestOf(here, testCase.id) };
    const runs = await loadInRounds(settings, log, [hereSide, otherSide, twinSide]);
    results.set(testCase.id, { here: runs.get(hereSide) ?? [], other: runs.get(otherSide) ?? [], twin: runs.get(twinSide) ?? [] });
  }
  return table(commit, results);
}

/**
 * Each search and publishing a post, on both builds, each on 100 000 posts of its own seeded alike;
 * no twin: the question is only what changed between the builds.
 */
async function compareSearch(): Promise<string> {
  const sides = [];
  for (const [label, appRoot] of [['this checkout', PROJECT_ROOT], [commit, otherRoot]] as const) {
    const name = appRoot === PROJECT_ROOT ? 'here' : 'other';
    const databasePath = join(workDir, `${name}-search.db`);
    const server = await startApp({ name, workDir, databasePath, secretKey: `compare-${name}-`.padEnd(40, 'k'), mail: null, appRoot });
    running.push(server);
    sides.push({ label, server, requests: await prepareSearch(server.baseUrl, databasePath) });
  }
  const cases = [...SEARCHES.map((search) => ({ title: `search: ${search.title}`, request: (requests: SearchRequests) => requests.searches[search.id] })),
    { title: 'publishing a post (`POST /index`)', request: (requests: SearchRequests) => requests.publish }];
  const rows = [];
  for (const searchCase of cases) {
    log(searchCase.title);
    const subjects = sides.map((side) => ({ server: side.server, request: searchCase.request(side.requests) }));
    const runs = await loadInRounds(settings, log, subjects);
    const [here = [], other = []] = subjects.map((subject) => runs.get(subject) ?? []);
    rows.push(`| ${searchCase.title} | ${rateAndTail(here)} | ${rateAndTail(other)} | ${changeOf(here, other)} |`);
  }
  return [`| case | this checkout req/s | ${commit} req/s | change |`, '|---|--:|--:|--:|', ...rows].join('\n');
}

async function startBuild(label: string, appRoot: string): Promise<Build> {
  const name = appRoot === PROJECT_ROOT ? 'here' : 'other';
  const server = await startApp({ name, workDir, databasePath: join(workDir, `${name}.db`), secretKey: `compare-${name}-`.padEnd(40, 'k'), mail: null, appRoot });
  running.push(server);
  await seedUsers(server.baseUrl, USERS);
  const site = await prepareSite(server.baseUrl, seedUsername(0), seedUsername(1), [seedUsername(2)]);
  return { label, server, requests: new Map(PAGE_CASES.map((testCase) => [testCase.id, testCase.request(site)])) };
}

function requestOf(build: Build, caseId: string): LoadRequest {
  const request = build.requests.get(caseId);
  if (!request) throw new Error(`no request for case ${caseId}`);
  return request;
}

/** The other commit's own dependencies: this checkout's when the lock files agree, else a clean install. */
function installDependencies(root: string): void {
  const lock = (dir: string) => readFileSync(join(dir, 'package-lock.json'), 'utf8');
  if (lock(root) === lock(PROJECT_ROOT)) {
    symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'));
    return;
  }
  log(`${commit} has other dependencies: npm ci in its worktree`);
  const installed = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--silent'], { cwd: root, stdio: 'inherit' });
  if (installed.status !== 0) throw new Error(`npm ci for ${commit} failed (exit ${String(installed.status)})`);
}

function git(...args: string[]): void {
  const done = spawnSync('git', args, { cwd: PROJECT_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (done.status !== 0) throw new Error(`git ${args.join(' ')} failed (exit ${String(done.status)})`);
}

function table(otherLabel: string, results: ReadonlyMap<string, Runs>): string {
  const rows = PAGE_CASES.map((testCase) => {
    const runs = results.get(testCase.id) ?? { here: [], other: [], twin: [] };
    const rps = (side: readonly LoadResult[]) => median(side.map((run) => run.requestsPerSecond)).toFixed(0);
    return `| ${testCase.title} | ${rateAndTail(runs.here)} | ${rateAndTail(runs.other)} | ${rps(runs.twin)} | ${perRound(runs.here, runs.twin).toFixed(3)} | ${perRound(runs.other, runs.twin).toFixed(3)} | ${changeOf(runs.here, runs.other)} |`;
  });
  return [
    `| case | this checkout req/s | ${otherLabel} req/s | twin req/s | this ÷ twin | ${otherLabel} ÷ twin | change |`,
    '|---|--:|--:|--:|--:|--:|--:|',
    ...rows,
  ].join('\n');
}

/** The median over rounds of each round's figure against the same round's figure of `base`: runs seconds apart. */
function perRound(side: readonly LoadResult[], base: readonly LoadResult[]): number {
  return median(side.map((run, round) => run.requestsPerSecond / (base[round]?.requestsPerSecond ?? Number.NaN)));
}

function rateAndTail(side: readonly LoadResult[]): string {
  return `${median(side.map((run) => run.requestsPerSecond)).toFixed(0)} (p99 ${median(side.map((run) => run.p99Ms)).toFixed(1)} ms)`;
}

function changeOf(here: readonly LoadResult[], other: readonly LoadResult[]): string {
  const change = perRound(here, other) - 1;
  return `${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)} %`;
}
