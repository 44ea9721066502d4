// `npm run bench -- --ladder`: what each layer of a logged-in page costs on this machine. A bare
// Koa server with a static page of the same size, then one server per rung (bench/ladder-server.ts),
// each adding one cost to the last, all loaded with wrk in interleaved rounds; each rung's req/s
// as a ratio to the bare server's of the same round. The database rungs read a SQLite file made
// with the app's migrations: the viewer follows an author with 30 posts, as in the page cases.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../adapters/persistence/mikro-orm/database.js';
import { tokenHash } from '../adapters/persistence/random-token.js';
import { withSqliteFile } from '../test/support/sqlite-file.js';
import { LADDER_POSTS_PER_PAGE, LADDER_STEPS, type LadderStep } from './ladder-steps.js';
import { requireWrk, type LoadRequest } from './load.js';
import { startBare, startRung, type ServerProcess } from './processes.js';
import { measureRungs, type Rung } from './rungs.js';
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

export async function runLadder(settings: BenchSettings, log: (message: string) => void): Promise<string> {
  requireWrk();
  const workDir = mkdtempSync(join(tmpdir(), 'microblog-ladder-'));
  const running: ServerProcess[] = [];
  try {
    const databasePath = join(workDir, 'ladder.db');
    const token = randomBytes(32).toString('base64url');
    await seedLadderDatabase(databasePath, token);
    const rungs: Rung[] = [];
    for (const step of LADDER_STEPS) {
      const server = await startRung(workDir, step, databasePath, token);
      running.push(server);
      rungs.push({ title: RUNG_TITLES[step], server, request: await rungRequest(server.baseUrl, step), expect: 200 });
    }
    const page = await fetch(`${rungs[0]?.server.baseUrl ?? ''}/`).then((response) => response.text());
    const bare = await startBare(workDir, { '/': { status: 200, body: page } }, 'koa');
    running.push(bare);
    const twin: Rung = { title: 'bare Koa, static page of the same size', server: bare, request: { method: 'GET', path: '/', headers: { Accept: 'text/html' } }, expect: 200 };
    log(`ladder: ${Buffer.byteLength(page)}-byte page; warm-up ${settings.warmupS} s per rung, then ${settings.rounds} rounds × ${settings.durationS} s`);
    return await measureRungs(settings, log, twin, rungs);
  } finally {
    await Promise.all(running.map((server) => server.stop()));
    rmSync(workDir, { recursive: true, force: true });
  }
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
