import type { FollowCounts, FollowRepository } from '../../../domain/ports/follow-repository.js';
import type { UserId } from '../../../domain/user.js';
import type { Restorable } from './in-memory-transactions.js';

/** Who follows whom, in one process's memory, for domain tests. */
export class InMemoryFollowRepository implements FollowRepository, Restorable {
  private readonly pairs = new Set<string>();

  async follow(followerId: UserId, followedId: UserId): Promise<void> {
    this.pairs.add(pair(followerId, followedId));
  }

  async unfollow(followerId: UserId, followedId: UserId): Promise<void> {
    this.pairs.delete(pair(followerId, followedId));
  }

  async isFollowing(followerId: UserId, followedId: UserId): Promise<boolean> {
    return this.pairs.has(pair(followerId, followedId));
  }

  async counts(userId: UserId): Promise<FollowCounts> {
    const all = [...this.pairs].map((key) => key.split('>').map(Number));
    return {
      followers: all.filter(([, followed]) => followed === userId).length,
      following: all.filter(([follower]) => follower === userId).length,
    };
  }

  snapshot(): () => void {
    const saved = [...this.pairs];
    return () => {
      this.pairs.clear();
      for (const followed of saved) this.pairs.add(followed);
    };
  }

  /** Everyone `followerId` follows, for the in-memory timeline. */
  followedBy(followerId: UserId): Set<UserId> {
    return new Set([...this.pairs].map((key) => key.split('>').map(Number)).filter(([follower]) => follower === followerId).map(([, followed]) => followed as UserId));
  }
}

const pair = (followerId: UserId, followedId: UserId) => `${followerId}>${followedId}`;
