// The timeline case: logged-in `GET /index` for a user who follows 500 users, on a database
// with 100 000 posts and on one with 100, each in an app process of its own. A timeline page that
// reads one page of an index costs the same on both; one that reads every followed post does not.
import { join } from 'node:path';
import { Browser } from '../test/support/browser.js';
import { runLoad, type LoadRequest, type LoadResult } from './load.js';
import type { AppSettings, ServerProcess } from './processes.js';
import { cookieHeader, expectPage, SEED_PASSWORD } from './site.js';
import { seedTimeline } from './timeline-seed.js';

export const TIMELINE_AUTHORS = 500;
export const TIMELINE_POSTS = { small: 100, large: 100_000 } as const;
const VIEWER = 'reader';

export type TimelineRuns = Readonly<{ small: LoadResult[]; large: LoadResult[] }>;

export type TimelineOptions = Readonly<{
  /** Settings for an app on the given database file. */
  appSettings: (name: string, databasePath: string) => AppSettings;
  start: (settings: AppSettings) => Promise<ServerProcess>;
  stop: (server: ServerProcess) => Promise<void>;
  workDir: string;
  connections: number;
  warmupS: number;
  durationS: number;
  rounds: number;
  log: (message: string) => void;
}>;

export async function measureTimelines(options: TimelineOptions): Promise<TimelineRuns> {
  const { log } = options;
  log(`timeline: ${TIMELINE_AUTHORS} followed users, ${TIMELINE_POSTS.small} vs ${TIMELINE_POSTS.large} posts, ${options.rounds} rounds × ${options.durationS} s`);
  const small = await timelineSite(options, TIMELINE_POSTS.small);
  const large = await timelineSite(options, TIMELINE_POSTS.large);
  const load = (site: TimelineSite, durationS: number) =>
    runLoad({ baseUrl: site.app.baseUrl, requests: [site.request], connections: options.connections, durationS });
  const runs: TimelineRuns = { small: [], large: [] };
  try {
    await load(small, options.warmupS);
    await load(large, options.warmupS);
    for (let round = 1; round <= options.rounds; round++) {
      // Alternating order, so neither side always runs on the heels of the other.
      const order = round % 2 === 1 ? (['small', 'large'] as const) : (['large', 'small'] as const);
      for (const side of order) runs[side].push(await load(side === 'small' ? small : large, options.durationS));
      log(`  round ${round}: ${TIMELINE_POSTS.small} posts ${runs.small.at(-1)?.requestsPerSecond.toFixed(0)} req/s, ${TIMELINE_POSTS.large} posts ${runs.large.at(-1)?.requestsPerSecond.toFixed(0)} req/s`);
    }
  } finally {
    await options.stop(small.app);
    await options.stop(large.app);
  }
  return runs;
}

type TimelineSite = Readonly<{ app: ServerProcess; request: LoadRequest }>;

/** An app on a database of its own, seeded with `posts` posts. */
async function timelineSite(options: TimelineOptions, posts: number): Promise<TimelineSite> {
  const databasePath = join(options.workDir, `timeline-${posts}.db`);
  const app = await options.start(options.appSettings(`timeline-${posts}`, databasePath));
  return { app, request: await prepareTimeline(app.baseUrl, databasePath, posts) };
}

/**
 * Registers the viewer at the front door of the app serving `databasePath`, seeds the authors,
 * their posts and the viewer's follows, logs the viewer in, and returns the timeline's request.
 */
export async function prepareTimeline(baseUrl: string, databasePath: string, posts: number): Promise<LoadRequest> {
  const browser = new Browser(baseUrl);
  const registered = await browser.register(VIEWER, `${VIEWER}@example.com`, SEED_PASSWORD);
  if (registered.status !== 302) throw new Error(`registering ${VIEWER} answered ${registered.status}, expected 302`);
  await seedTimeline(databasePath, { viewer: VIEWER, authors: TIMELINE_AUTHORS, posts, newest: new Date() });
  const login = await browser.logIn(VIEWER, SEED_PASSWORD);
  if (login.status !== 302) throw new Error(`logging in ${VIEWER} answered ${login.status}, expected 302`);
  // The newest post must head the page, or the case would measure an empty timeline.
  const index = await browser.get('/index');
  expectPage(index.status, 200, index.text, 'Post number 0 of', `GET /index on the ${posts}-post timeline`);
  return { method: 'GET', path: '/index', headers: { Accept: 'text/html', Cookie: cookieHeader(browser) } };
}
