import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { FollowCounts, FollowRepository } from '../../../domain/ports/follow-repository.js';
import type { UserId } from '../../../domain/user.js';
import { FollowSchema } from './follow-schema.js';

/** Who follows whom, one row per pair; the primary key makes a second follow a no-op. */
export class MikroOrmFollowRepository implements FollowRepository {
  constructor(private readonly em: EntityManager) {}

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

  async isFollowing(followerId: UserId, followedId: UserId): Promise<boolean> {
    return (await this.em.count(FollowSchema, { followerId, followedId })) > 0;
  }

  async counts(userId: UserId): Promise<FollowCounts> {
    const [followers, following] = await Promise.all([
      this.em.count(FollowSchema, { followedId: userId }),
      this.em.count(FollowSchema, { followerId: userId }),
    ]);
    return { followers, following };
  }
}
