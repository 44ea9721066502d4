import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { FollowCounts, FollowRepository } from '../../../domain/ports/follow-repository.js';
import type { User, UserId } from '../../../domain/user.js';
import { FollowSchema } from './follow-schema.js';
import { userOf, type UserRow } from './mikro-orm-user-repository.js';
import type { PreparedReads, ReadStatement } from './prepared-reads.js';
import { placeholders } from './sql-values.js';

// PostgreSQL counts as bigint, which its driver hands over as text.
type CountsRow = { followers: number | string; following: number | string };

const IS_FOLLOWING: ReadStatement = { name: 'is_following', sql: 'select 1 from follows where follower_id = ? and followed_id = ?' };
const USERS = 'select u.id, u.username, u.email, u.password_hash, u.about_me, u.last_seen, u.language from users u join follows f';
const FOLLOWERS_OF = `${USERS} on u.id = f.follower_id where f.followed_id = ? order by u.id limit ? offset ?`;
const FOLLOWEES_OF = `${USERS} on u.id = f.followed_id where f.follower_id = ? order by u.id limit ? offset ?`;
const COUNTS: ReadStatement = {
  name: 'follow_counts',
  sql: 'select (select count(*) from follows where followed_id = ?) as followers, (select count(*) from follows where follower_id = ?) as following',
};
const EACH_FOLLOWERS = '(select count(*) from follows where followed_id = u.id) as followers';
const EACH_FOLLOWING = '(select count(*) from follows where follower_id = u.id) as following';

/** Who follows whom, one row per pair; the primary key makes a second follow a no-op. */
export class MikroOrmFollowRepository implements FollowRepository {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly reads: PreparedReads,
  ) {}

  async follow(followerId: UserId, followedId: UserId): Promise<void> {
    try {
      await this.em.insert(FollowSchema, { followerId, followedId });
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
    }
  }

  async unfollow(followerId: UserId, followedId: UserId): Promise<void> {
    await this.em.nativeDelete(FollowSchema, { followerId, followedId });
  }

  // The profile page's reads, prepared statements on the two indexes.
  async isFollowing(followerId: UserId, followedId: UserId): Promise<boolean> {
    const rows = await this.reads.all(IS_FOLLOWING, [followerId, followedId]);
    return rows.length > 0;
  }

  async counts(userId: UserId): Promise<FollowCounts> {
    const [row] = await this.reads.all<CountsRow>(COUNTS, [userId, userId]);
    return { followers: Number(row?.followers ?? 0), following: Number(row?.following ?? 0) };
  }

  async countsOfEach(userIds: readonly UserId[]): Promise<ReadonlyMap<UserId, FollowCounts>> {
    if (userIds.length === 0) return new Map();
    const list = placeholders(userIds);
    const sql = `select u.id, ${EACH_FOLLOWERS}, ${EACH_FOLLOWING} from users u where u.id in (${list})`;
    const rows = await this.em.execute<(CountsRow & { id: number })[]>(sql, [...userIds]);
    const counts = new Map(rows.map((row) => [Number(row.id), { followers: Number(row.followers), following: Number(row.following) }]));
    return new Map(userIds.map((id) => [id, counts.get(id) ?? { followers: 0, following: 0 }]));
  }

  async followersOf(userId: UserId, offset: number, limit: number): Promise<User[]> {
    return this.users(FOLLOWERS_OF, [userId, limit, offset]);
  }

  async followeesOf(userId: UserId, offset: number, limit: number): Promise<User[]> {
    return this.users(FOLLOWEES_OF, [userId, limit, offset]);
  }

  private async users(sql: string, params: number[]): Promise<User[]> {
    const rows = await this.em.execute<UserRow[]>(sql, params);
    return rows.map(userOf);
  }
}
