// Seeds a big timeline straight into the bench's SQLite file, as an import by an operator would:
// registering 500 users through the front door would cost 500 password hashes (minutes), and their
// posts and follows change nothing about what the page then has to read. The viewer who follows
// them all is registered through the front door beforehand, so that it can log in.
import { withSqliteFile } from '../test/support/sqlite-file.js';

export type TimelineSeed = Readonly<{
  /** The registered user who will follow every author. */
  viewer: string;
  authors: number;
  posts: number;
  /** The newest post's time; older posts are a minute apart, round-robin over the authors. */
  newest: Date;
}>;

// No password hash of the app's looks like this, so none of these users can log in.
const NO_PASSWORD = '!';
const POST_SPACING_MS = 60_000;

export async function seedTimeline(databasePath: string, seed: TimelineSeed): Promise<void> {
  await withSqliteFile(databasePath, async (db) => {
    const viewer = await db.get<{ id: number }>('select id from users where username = ?', [seed.viewer]);
    if (!viewer) throw new Error(`the timeline's viewer ${seed.viewer} is not registered`);
    await db.exec('BEGIN');
    const authorIds: number[] = [];
    for (let index = 0; index < seed.authors; index++) {
      const username = `author${String(index).padStart(3, '0')}`;
      authorIds.push(await db.run('insert into users (username, email, password_hash, about_me) values (?, ?, ?, ?)', [username, `${username}@example.com`, NO_PASSWORD, '']));
    }
    for (const authorId of authorIds) await db.run('insert into follows (follower_id, followed_id) values (?, ?)', [viewer.id, authorId]);
    for (let index = 0; index < seed.posts; index++) {
      const authorId = authorIds[index % authorIds.length] ?? viewer.id;
      await db.run('insert into posts (author_id, body, created_at) values (?, ?, ?)', [authorId, `Post number ${index} of the bench's timeline.`, seed.newest.getTime() - index * POST_SPACING_MS]);
    }
    await db.exec('COMMIT');
  });
}
