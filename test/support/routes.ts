import type { RouteEntry } from '../../adapters/http/route-table.js';
import type { DatabaseLocation } from '../../adapters/persistence/mikro-orm/database.js';
import { readRows } from './test-database.js';

export const STATE_CHANGING_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The route's path with every parameter (`:name`, `*name`, optional `{…}` parts) set to `encodedValue`. */
export function routePath(route: RouteEntry, encodedValue: string): string {
  return route.path.replace(/[:*]\w+/g, encodedValue).replace(/[{}]/g, '');
}

// What a request can change: times a request refreshes by design (a user's last visit, a session's
// last activity) and session tokens (a new one at every login) are left out.
const STORED = {
  users: 'select id, username, email, password_hash, about_me from users order by id',
  posts: 'select id, author_id, body from posts order by id',
  follows: 'select follower_id, followed_id from follows order by follower_id, followed_id',
  sessions: 'select user_id, remember_me from sessions order by user_id, remember_me',
};

/** Users, posts, follows and sessions as stored, read behind the app's back, for comparing before and after. */
export async function storedState(location: DatabaseLocation): Promise<string> {
  return JSON.stringify(await Promise.all(Object.values(STORED).map((sql) => readRows(location, sql))));
}
