// `npm run bench:profile -- <case> [seconds]`: the production build under one case's load with
// `node --cpu-prof`, then the functions and packages that took the CPU time. Profile before
// optimizing. Cases: index, profile, edit-profile-invalid, login-page, not-found, start
// (start-up only), timeline (the index of a user following 500 users with 100 000 posts),
// search-common, search-rare, search-phrase, search-prefix and publish (the search case's
// requests on its 100 000 posts). The
// .cpuprofile is kept (open it in Chrome DevTools) and its path printed.
import { readdirSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { runLoad, type LoadRequest } from './load.js';
import { buildApp, startApp, type AppSettings } from './processes.js';
import { prepareSearch, SEARCHES, type SearchId, type SearchRequests } from './search.js';
import { prepareSite, seedUsername, seedUsers, type Site } from './site.js';
import { prepareTimeline, TIMELINE_POSTS } from './timeline.js';

type ProfileNode = Readonly<{ id: number; callFrame: Readonly<{ functionName: string; url: string; lineNumber: number }>; hitCount?: number; children?: readonly number[] }>;
type CpuProfile = Readonly<{ nodes: readonly ProfileNode[]; startTime: number; endTime: number; samples: readonly number[] }>;

const CASES: Readonly<Record<string, (site: Site) => LoadRequest>> = {
  index: (site) => site.requests.index,
  profile: (site) => site.requests.profile,
  'edit-profile-invalid': (site) => site.requests.editProfileInvalid,
  'login-page': (site) => site.requests.loginPage,
  'not-found': (site) => site.requests.notFound,
};

const [caseName = 'index', seconds = '10'] = process.argv.slice(2);
const workDir = mkdtempSync(join(tmpdir(), 'microblog-profile-'));
const profileDir = join(workDir, 'profiles');
const settings = (name: string, nodeFlags: readonly string[] = []): AppSettings => ({
  name, workDir, databasePath: join(workDir, 'profile.db'), secretKey: randomBytes(36).toString('base64url'), mail: null, nodeFlags,
});

buildApp();
const seeding = await startApp(settings('seed'));
await seedUsers(seeding.baseUrl, 3);
await seeding.stop();

const app = await startApp(settings('app', ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]));
const pick = CASES[caseName];
const searchId = SEARCHES.find((search) => caseName === `search-${search.id}`)?.id;
const request = pick
  ? pick(await prepareSite(app.baseUrl, seedUsername(0), seedUsername(1), [seedUsername(2)]))
  : caseName === 'timeline'
    ? await prepareTimeline(app.baseUrl, join(workDir, 'profile.db'), TIMELINE_POSTS.large)
    : searchId || caseName === 'publish'
      ? searchRequest(await prepareSearch(app.baseUrl, join(workDir, 'profile.db')), searchId)
      : null;
if (request) {
  const result = await runLoad({ baseUrl: app.baseUrl, requests: [request], connections: 32, durationS: Number(seconds) });
  process.stdout.write(`${caseName}: ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms, statuses ${JSON.stringify(result.statuses)}\n`);
} else if (caseName !== 'start') {
  throw new Error(`unknown case "${caseName}"; one of ${Object.keys(CASES).join(', ')}, timeline, ${SEARCHES.map((search) => `search-${search.id}`).join(', ')}, publish, start`);
}
await app.stop();

function searchRequest(requests: SearchRequests, id: SearchId | undefined): LoadRequest {
  return id ? requests.searches[id] : requests.publish;
}

const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
if (!file) throw new Error(`no profile written in ${profileDir}`);
const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8')) as CpuProfile;
const totalMs = (profile.endTime - profile.startTime) / 1000;
const perSampleMs = totalMs / Math.max(1, profile.samples.length);
const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
for (const node of profile.nodes) {
  const ms = (node.hitCount ?? 0) * perSampleMs;
  if (ms === 0) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '~/');
  const key = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
  const owner = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? (url.startsWith('node:') ? 'node' : url === '' ? functionName : 'app');
  byPackage.set(owner, (byPackage.get(owner) ?? 0) + ms);
}
// Inclusive time (a function and everything it called), counted once per call path even when recursive.
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const inclusive = new Map<string, number>();
const keyOf = (node: ProfileNode) => `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '~/')}:${node.callFrame.lineNumber + 1}`;
const totals = new Map<number, number>();
const totalOf = (node: ProfileNode): number => {
  const known = totals.get(node.id);
  if (known !== undefined) return known;
  const total = (node.hitCount ?? 0) * perSampleMs + (node.children ?? []).reduce((sum, id) => sum + totalOf(byId.get(id) ?? node), 0);
  totals.set(node.id, total);
  return total;
};
const walk = (node: ProfileNode, active: ReadonlySet<string>): void => {
  const key = keyOf(node);
  if (!active.has(key)) inclusive.set(key, (inclusive.get(key) ?? 0) + totalOf(node));
  const next = new Set(active).add(key);
  for (const id of node.children ?? []) {
    const child = byId.get(id);
    if (child) walk(child, next);
  }
};
const root = profile.nodes[0];
if (root) walk(root, new Set());
const top = (map: Map<string, number>, count: number) =>
  [...map].sort((a, b) => b[1] - a[1]).slice(0, count).map(([key, ms]) => `${ms.toFixed(0).padStart(7)} ms ${(100 * ms / totalMs).toFixed(1).padStart(5)} %  ${key}`).join('\n');
process.stdout.write(`\nprofile ${join(profileDir, file)} (${totalMs.toFixed(0)} ms)\n\nby package:\n${top(byPackage, 15)}\n\nby function (self time):\n${top(byFunction, 30)}\n\nby function (inclusive):\n${top(inclusive, 60)}\n`);
