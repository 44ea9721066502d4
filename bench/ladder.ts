// `npm run bench -- --ladder`: what each layer of a logged-in page costs on this machine. A bare
// Koa server with a static page of the same size, then one server per rung (bench/ladder-server.ts),
// each adding one cost to the last, all loaded with wrk in interleaved rounds; each rung's req/s
// as a ratio to the bare server's of the same round. The database rungs read a SQLite file made
// with the app's migrations: the viewer follows an author with 30 posts, as in the page cases.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../adapters/persistence/mikro-orm/database.js';
import { tokenHash } from '../adapters/persistence/random-token.js';
import { withSqliteFile } from '../test/support/sqlite-file.js';
import { LADDER_POSTS_PER_PAGE, LADDER_STEPS, type LadderStep } from './ladder-steps.js';
import { median, requireWrk, runLoad, unexpectedAnswers, type LoadRequest, type LoadResult } from './load.js';
import { startBare, startRung, type ServerProcess } from './processes.js';
import type { BenchSettings } from './settings.js';

const SEED_POSTS = 30;

const RUNG_TITLES: Readonly<Record<LadderStep, string>> = {
  pug: '+ pug: the index template compiled once, 25 posts',
  session: '+ koa-session signed cookie, helmet headers',
  'sqlite3-prepared': '+ 3 queries, sqlite3 Statements prepared once',
  sqlite3: '+ 3 queries, sqlite3 db.all() (parsed per query) instead',
  'mikro-orm': '+ 3 queries, MikroORM raw queries in a request context instead',
  'app-reads': "+ the app's repositories instead (2 prepared queries, unit of work)",
};

type Rung = Readonly<{ step: LadderStep; server: ServerProcess; request: LoadRequest }>;

export async function runLadder(settings: BenchSettings, log: (message: string) => void): Promise<string> {
  requireWrk();
  const workDir = mkdtempSync(join(tmpdir(), 'microblog-ladder-'));
  const running: ServerProcess[] = [];
  const startedAt = new Date().toISOString();
  const loadAtStart = loadavg();
  try {
    const databasePath = join(workDir, 'ladder.db');
    const token = randomBytes(32).toString('base64url');
    await seedLadderDatabase(databasePath, token);
    const rungs: Rung[] = [];
    for (const step of LADDER_STEPS) {
      const server = await startRung(workDir, step, databasePath, token);
      running.push(server);
      rungs.push({ step, server, request: await rungRequest(server.baseUrl, step) });
    }
    const page = await fetch(`${rungs[0]?.server.baseUrl ?? ''}/`).then((response) => response.text());
    const bare = await startBare(workDir, { '/': { status: 200, body: page } }, 'koa');
    running.push(bare);
    const bareRequest: LoadRequest = { method: 'GET', path: '/', headers: { Accept: 'text/html' } };
    const load = (baseUrl: string, request: LoadRequest, durationS: number) =>
      runLoad({ baseUrl, requests: [request], connections: settings.connections, durationS });

    log(`ladder: ${Buffer.byteLength(page)}-byte page; warm-up ${settings.warmupS} s per rung, then ${settings.rounds} rounds × ${settings.durationS} s`);
    await load(bare.baseUrl, bareRequest, settings.warmupS);
    for (const rung of rungs) await load(rung.server.baseUrl, rung.request, settings.warmupS);
    const bareRounds: LoadResult[] = [];
    const rungRounds = new Map<LadderStep, LoadResult[]>(LADDER_STEPS.map((step) => [step, []]));
    for (let round = 1; round <= settings.rounds; round++) {
      bareRounds.push(await load(bare.baseUrl, bareRequest, settings.durationS));
      for (const rung of rungs) rungRounds.get(rung.step)?.push(await load(rung.server.baseUrl, rung.request, settings.durationS));
      log(`  round ${round}: bare ${bareRounds.at(-1)?.requestsPerSecond.toFixed(0)} req/s; ${rungs.map((rung) => `${rung.step} ${rungRounds.get(rung.step)?.at(-1)?.requestsPerSecond.toFixed(0)}`).join(', ')}`);
    }

    const lines = [
      `${startedAt} · Node ${process.versions.node} · load average ${loadAtStart.map((value) => value.toFixed(2)).join(' / ')} at start, ${loadavg().map((value) => value.toFixed(2)).join(' / ')} at end · ${settings.connections} connections, ${settings.rounds} rounds × ${settings.durationS} s (medians)`,
      '',
      '| rung | req/s | × bare | p50 ms | p99 ms | unexpected |',
      '|---|--:|--:|--:|--:|--:|',
      row('bare Koa, static page of the same size', bareRounds, bareRounds),
      ...rungs.map((rung) => row(RUNG_TITLES[rung.step], rungRounds.get(rung.step) ?? [], bareRounds)),
    ];
    return lines.join('\n');
  } finally {
    await Promise.all(running.map((server) => server.stop()));
    rmSync(workDir, { recursive: true, force: true });
  }
}

function row(title: string, rounds: readonly LoadResult[], bareRounds: readonly LoadResult[]): string {
  const ratio = median(rounds.map((round, index) => round.requestsPerSecond / (bareRounds[index]?.requestsPerSecond ?? Number.NaN)));
  const unexpected = rounds.reduce((sum, round) => sum + unexpectedAnswers(round, 200), 0);
  const rate = median(rounds.map((round) => round.requestsPerSecond));
  return `| ${title} | ${rate.toFixed(0)} | ${ratio.toFixed(2)} | ${median(rounds.map((round) => round.p50Ms)).toFixed(1)} | ${median(rounds.map((round) => round.p99Ms)).toFixed(1)} | ${unexpected} |`;
}

/** The request a rung is loaded with: from the session rung on, with the cookie its first answer set. */
async function rungRequest(baseUrl: string, step: LadderStep): Promise<LoadRequest> {
  const first = await fetch(`${baseUrl}/`, { headers: { Accept: 'text/html' } });
  const shown = (await first.text()).split('<li class="post">').length - 1;
  if (first.status !== 200 || shown !== LADDER_POSTS_PER_PAGE) throw new Error(`ladder rung ${step} answered ${first.status} with ${shown} posts, expected 200 with ${LADDER_POSTS_PER_PAGE}`);
  const cookie = first.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
  return { method: 'GET', path: '/', headers: { Accept: 'text/html', ...(cookie ? { Cookie: cookie } : {}) } };
}

/** The app's schema, a reader who follows an author with 30 posts, and the reader's session under `token`. */
async function seedLadderDatabase(databasePath: string, token: string): Promise<void> {
  const database = await Database.open({ dialect: 'sqlite', path: databasePath });
  await database.migrate();
  await database.close();
  const now = Date.now();
  await withSqliteFile(databasePath, async (db) => {
    const insertUser = 'insert into users (username, email, password_hash, about_me) values (?, ?, ?, ?)';
    const reader = await db.run(insertUser, ['reader', 'reader@example.com', '!', '']);
    const author = await db.run(insertUser, ['author', 'author@example.com', '!', '']);
    await db.run('insert into follows (follower_id, followed_id) values (?, ?)', [reader, author]);
    for (let number = 1; number <= SEED_POSTS; number++) {
      await db.run('insert into posts (author_id, body, created_at) values (?, ?, ?)', [author, `Post ${number} by author: what a page of a followed author's posts looks like.`, now - (SEED_POSTS - number) * 60_000]);
    }
    await db.run('insert into sessions (token_hash, user_id, created_at, last_active_at, remember_me) values (?, ?, ?, ?, ?)', [tokenHash(token), reader, now, now, 1]);
  });
}
