// The search case: logged-in `GET /search` on a database of 100 000 posts, in an app process of its
// own, for a word in every post, a word in one, a phrase and a prefix; and publishing a post with
// the search index kept in step against publishing without it (the FTS5 table set aside between
// runs by a second connection, an ordinary table taking the index rows in its place), on the same
// database. The side without the index still writes each post and a row for it in one transaction,
// so the ratio is FTS5's own cost, not that of the statement the index row is written by.
import { join } from 'node:path';
import { Browser } from '../test/support/browser.js';
import { withSqliteFile } from '../test/support/sqlite-file.js';
import { probe, runLoad, type LoadRequest, type LoadResult } from './load.js';
import { cookieHeader, expectPage, SEED_PASSWORD } from './site.js';
import { seedTimeline } from './timeline-seed.js';
import type { TimelineOptions } from './timeline.js';

export const SEARCH_POSTS = 100_000;
const SEARCH_AUTHORS = 500;
const SEARCHER = 'searcher';

/**
 * What each search asks, and a text its first page must hold. The seeded bodies read `Post number
 * <n> of the bench's timeline.`: every post has `timeline`, one has `4242`, and `424*` begins 111
 * numbers (4240–4249, 42400–42499 and 424 itself).
 */
export const SEARCHES = [
  { id: 'common', title: 'a word in every post (`timeline`)', query: 'timeline', expect: 'Next results' },
  { id: 'rare', title: 'a word in one post (`4242`)', query: '4242', expect: 'Post number 4242 of' },
  { id: 'phrase', title: 'a phrase (`"number 4242 of"`)', query: '"number 4242 of"', expect: 'Post number 4242 of' },
  { id: 'prefix', title: 'a prefix (`424*`)', query: '424*', expect: 'Next results' },
] as const;

export type SearchId = (typeof SEARCHES)[number]['id'];

export type SearchRuns = Readonly<{
  searches: Readonly<Record<SearchId, LoadResult[]>>;
  /** The searcher's home page in the same rounds: 25 posts of the 500 authors they follow, no search. */
  homePage: LoadResult[];
  publishInStep: LoadResult[];
  publishWithoutIndex: LoadResult[];
}>;


// Between the two sides, by a second connection: the FTS5 table and a plain one in its name.
const INDEX_ASIDE = 'alter table posts_search rename to posts_search_aside; create table posts_search (body text)';
const INDEX_BACK = 'drop table posts_search; alter table posts_search_aside rename to posts_search';

/** `options` as the timeline's: the case runs in an app process of its own, like the timeline's. */
export async function measureSearch(options: TimelineOptions): Promise<SearchRuns> {
  const { log } = options;
  log(`search: ${SEARCH_POSTS.toLocaleString('en')} posts, ${SEARCHES.length} searches and publishing with and without the index, ${options.rounds} rounds × ${options.durationS} s`);
  const databasePath = join(options.workDir, 'search.db');
  const app = await options.start(options.appSettings('search', databasePath));
  const runs = { searches: { common: [], rare: [], phrase: [], prefix: [] } as Record<SearchId, LoadResult[]>, homePage: [] as LoadResult[], publishInStep: [] as LoadResult[], publishWithoutIndex: [] as LoadResult[] };
  try {
    const requests = await prepareSearch(app.baseUrl, databasePath);
    const load = (request: LoadRequest, durationS: number) => runLoad({ baseUrl: app.baseUrl, requests: [request], connections: options.connections, durationS });
    for (const search of SEARCHES) await load(requests.searches[search.id], options.warmupS);
    await load(requests.homePage, options.warmupS);
    await load(requests.publish, options.warmupS);
    for (let round = 1; round <= options.rounds; round++) {
      for (const search of SEARCHES) runs.searches[search.id].push(await load(requests.searches[search.id], options.durationS));
      runs.homePage.push(await load(requests.homePage, options.durationS));
      // Alternating order, so neither side always runs on the heels of the other.
      const sides = round % 2 === 1 ? (['inStep', 'without'] as const) : (['without', 'inStep'] as const);
      for (const side of sides) {
        if (side === 'without') await withSqliteFile(databasePath, (db) => db.exec(INDEX_ASIDE));
        try {
          (side === 'inStep' ? runs.publishInStep : runs.publishWithoutIndex).push(await load(requests.publish, options.durationS));
        } finally {
          if (side === 'without') await withSqliteFile(databasePath, (db) => db.exec(INDEX_BACK));
        }
      }
      log(`  round ${round}: ${SEARCHES.map((search) => `${search.id} ${runs.searches[search.id].at(-1)?.requestsPerSecond.toFixed(0)} req/s`).join(', ')}, home page ${runs.homePage.at(-1)?.requestsPerSecond.toFixed(0)} req/s; `
        + `publish ${runs.publishInStep.at(-1)?.requestsPerSecond.toFixed(0)} req/s in step, ${runs.publishWithoutIndex.at(-1)?.requestsPerSecond.toFixed(0)} without`);
    }
  } finally {
    await options.stop(app);
  }
  return runs;
}

export type SearchRequests = Readonly<{ searches: Readonly<Record<SearchId, LoadRequest>>; homePage: LoadRequest; publish: LoadRequest }>;

/**
 * Registers the searcher at the front door, seeds 100 000 posts straight into the file and indexes
 * them with FTS5's rebuild (as the search's migration indexes the posts before it), logs in, checks each search's first page and returns the
 * requests: each search, and a post published with the form's CSRF token.
 */
export async function prepareSearch(baseUrl: string, databasePath: string): Promise<SearchRequests> {
  const browser = new Browser(baseUrl);
  const registered = await browser.register(SEARCHER, `${SEARCHER}@example.com`, SEED_PASSWORD);
  if (registered.status !== 302) throw new Error(`registering ${SEARCHER} answered ${registered.status}, expected 302`);
  await seedTimeline(databasePath, { viewer: SEARCHER, authors: SEARCH_AUTHORS, posts: SEARCH_POSTS, newest: new Date() });
  await withSqliteFile(databasePath, (db) => db.exec('insert into posts_search (posts_search) values (\'rebuild\')'));
  const login = await browser.logIn(SEARCHER, SEED_PASSWORD);
  if (login.status !== 302) throw new Error(`logging in ${SEARCHER} answered ${login.status}, expected 302`);
  const index = await browser.get('/index');
  expectPage(index.status, 200, index.text, 'csrf_token', 'GET /index');
  const headers = { Accept: 'text/html', Cookie: cookieHeader(browser) };
  const searches = {} as Record<SearchId, LoadRequest>;
  for (const search of SEARCHES) {
    const path = `/search?q=${encodeURIComponent(search.query)}`;
    const page = await browser.get(path);
    expectPage(page.status, 200, page.text, search.expect, `GET ${path}`);
    searches[search.id] = { method: 'GET', path, headers };
  }
  const publish: LoadRequest = {
    method: 'POST',
    path: '/index',
    headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf_token: browser.lastToken ?? '', post: 'Otters hold hands while they sleep, so that they do not drift apart.' }).toString(),
  };
  const published = await probe(baseUrl, publish);
  if (published !== 302) throw new Error(`publishing a post answered ${published}, expected 302`);
  return { searches, homePage: { method: 'GET', path: '/index', headers }, publish };
}
