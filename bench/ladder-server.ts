// One rung of the ladder (`npm run bench -- --ladder`): a Koa server that does what the app's
// logged-in index page does up to `LADDER_STEP`, and nothing more. Each rung adds one cost:
//   pug             the app's index template, compiled once, rendered with 25 posts per request
//   session         + a signed koa-session cookie read on each request, and the app's helmet headers
//   sqlite3-prepared + three queries (session, user, timeline) through sqlite3 Statements prepared once
//   sqlite3         + the same three through sqlite3's db.all(), parsed and planned per query
//   mikro-orm       + the same three through MikroORM's raw queries in a request context, as the app made them
//   app-reads       + the app's own repositories on its Database: session and user in one prepared
//                   query, then the timeline, in a unit of work
import { join } from 'node:path';
import Koa from 'koa';
import { MikroORM, RequestContext } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { SqliteDriver } from '@mikro-orm/sqlite';
import createSession from 'koa-session';
import { compileFile } from 'pug';
import sqlite3 from 'sqlite3';
import { MessageCatalogue } from '../adapters/i18n/message-catalogue.js';
import { securityHeaders } from '../adapters/http/middleware/security-headers.js';
import { presentPosts } from '../adapters/http/presenters/post-presenter.js';
import { Database } from '../adapters/persistence/mikro-orm/database.js';
import { tokenHash } from '../adapters/persistence/random-token.js';
import { pageFrom } from '../domain/pagination.js';
import type { TimelinePost } from '../domain/posts/post.js';
import { LADDER_POSTS_PER_PAGE, LADDER_STEPS, type LadderStep } from './ladder-steps.js';

const SESSION_QUERY = 'select user_id, created_at, last_active_at, remember_me from sessions where token_hash = ?';
const USER_QUERY = 'select id, username, email, password_hash, about_me, last_seen from users where id = ?';
const TIMELINE_QUERY = 'select p.id, p.body, p.created_at, u.id as author_id, u.username, u.email from posts p join users u on u.id = p.author_id '
  + 'where p.author_id = ? or exists (select 1 from follows f where f.follower_id = ? and f.followed_id = p.author_id) '
  + 'order by p.created_at desc, p.id desc limit ? offset ?';

type TimelineRow = { id: number; body: string; created_at: number; author_id: number; username: string; email: string };
type Viewer = { id: number; username: string };
/** The three queries of a logged-in index page: who the session's user is, and their timeline. */
type Reads = (token: string) => Promise<{ viewer: Viewer; posts: TimelinePost[] }>;

const step = process.env.LADDER_STEP as LadderStep;
if (!LADDER_STEPS.includes(step)) throw new Error(`LADDER_STEP must be one of ${LADDER_STEPS.join(', ')}`);
const rung = LADDER_STEPS.indexOf(step);
const databasePath = process.env.LADDER_DATABASE ?? '';
const template = compileFile(join(process.env.LADDER_VIEWS ?? 'views', 'index.pug'), { cache: true, compileDebug: false });
const catalogue = MessageCatalogue.fromDirectory(process.env.LADDER_LOCALES ?? 'locales');
const english = { language: 'en', t: (key: string, values?: Readonly<Record<string, string | number>>) => catalogue.translate('en', key, values) };

const fixedPosts: TimelinePost[] = Array.from({ length: LADDER_POSTS_PER_PAGE + 1 }, (_, index) => ({
  id: index + 1,
  body: `Post ${index + 1}: what a page of a followed author's posts looks like.`,
  createdAt: new Date(Date.now() - index * 60_000),
  author: { id: 2, username: 'author', email: 'author@example.com' },
}));

const app = new Koa({ keys: ['a-ladder-key-of-at-least-thirty-two-characters'] });
if (rung >= LADDER_STEPS.indexOf('session')) {
  app.use(securityHeaders);
  app.use(createSession({ key: 'microblog_session', maxAge: 'session', httpOnly: true, sameSite: 'lax', signed: true }, app));
}
const reads = rung >= LADDER_STEPS.indexOf('sqlite3-prepared') ? await readsFor(step) : null;
app.use(async (ctx) => {
  const session = (ctx as { session?: { token?: unknown } | null }).session;
  // The first request of a visitor gets the cookie its later requests carry.
  if (session && typeof session.token !== 'string') session.token = process.env.LADDER_TOKEN ?? '';
  const { viewer, posts } = reads && session ? await reads(String(session.token)) : { viewer: { id: 1, username: 'reader' }, posts: fixedPosts };
  const page = pageFrom({ number: 1, size: LADDER_POSTS_PER_PAGE }, posts)._unsafeUnwrap();
  ctx.type = 'html';
  ctx.body = template({
    title: 'Home', greetingName: viewer.username, user: viewer, values: { post: '' }, errors: {}, flashes: [],
    csrfToken: () => 'a-csrf-token-of-the-usual-length-0123456789ab', ...english, languageChoices: [],
    ...presentPosts(page, '/index', new Date(), english),
  });
});
app.listen(Number(process.env.PORT), '127.0.0.1');

async function readsFor(kind: LadderStep): Promise<Reads> {
  switch (kind) {
    case 'sqlite3-prepared': {
      const db = await openSqlite3();
      const [session, user, timeline] = await Promise.all([SESSION_QUERY, USER_QUERY, TIMELINE_QUERY].map((sql) => prepare(db, sql)));
      if (!session || !user || !timeline) throw new Error('three statements expected');
      return threeQueries((sql, values) => {
        const statement = sql === SESSION_QUERY ? session : sql === USER_QUERY ? user : timeline;
        return new Promise((resolve, reject) => statement.all(values, (error, rows) => (error ? reject(error) : resolve(rows))));
      });
    }
    case 'sqlite3': {
      const db = await openSqlite3();
      return threeQueries((sql, values) => new Promise((resolve, reject) => db.all(sql, values, (error, rows) => (error ? reject(error) : resolve(rows)))));
    }
    case 'mikro-orm': {
      const orm = await MikroORM.init({ driver: SqliteDriver, dbName: databasePath, entities: [], discovery: { warnWhenNoEntities: false }, pool: { min: 4, max: 4 }, allowGlobalContext: false });
      const em = orm.em as EntityManager;
      const query = (sql: string, values: unknown[]) => em.getConnection().execute<unknown[]>(sql, values);
      return (token) => RequestContext.create(em, () => threeQueries(query)(token));
    }
    case 'app-reads': {
      const database = await Database.open({ dialect: 'sqlite', path: databasePath });
      return (token) => database.inUnitOfWork(async () => {
        const found = await database.sessions.find(token);
        if (!found) throw new Error('the ladder session is unknown');
        const posts = await database.posts.homeTimeline(found.user.id, 0, LADDER_POSTS_PER_PAGE + 1);
        return { viewer: found.user, posts };
      });
    }
    default:
      throw new Error(`no reads at step ${kind}`);
  }
}

/** Session, then its user, then the user's timeline: the index page's queries before they were joined. */
function threeQueries(query: (sql: string, values: unknown[]) => Promise<unknown[]>): Reads {
  return async (token) => {
    const [session] = await query(SESSION_QUERY, [tokenHash(token)]) as { user_id: number }[];
    if (!session) throw new Error('the ladder session is unknown');
    const [user] = await query(USER_QUERY, [session.user_id]) as Viewer[];
    if (!user) throw new Error('the ladder user is unknown');
    const rows = await query(TIMELINE_QUERY, [user.id, user.id, LADDER_POSTS_PER_PAGE + 1, 0]) as TimelineRow[];
    const posts = rows.map((row) => ({ id: row.id, body: row.body, createdAt: new Date(Number(row.created_at)), author: { id: row.author_id, username: row.username, email: row.email } }));
    return { viewer: user, posts };
  };
}

function openSqlite3(): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db: sqlite3.Database = new sqlite3.Database(databasePath, (error) => (error ? reject(error) : resolve(db)));
  });
}

function prepare(db: sqlite3.Database, sql: string): Promise<sqlite3.Statement> {
  return new Promise((resolve, reject) => {
    const statement: sqlite3.Statement = db.prepare(sql, (error: Error | null) => (error ? reject(error) : resolve(statement)));
  });
}
