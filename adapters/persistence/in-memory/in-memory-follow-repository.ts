import type { FollowCounts, FollowRepository } from '../../../domain/ports/follow-repository.js';
import type { UserRepository } from '../../../domain/ports/user-repository.js';
import type { User, UserId } from '../../../domain/user.js';
import type { Restorable } from './in-memory-transactions.js';

/** Who follows whom, in one process's memory, for domain tests; it reads the users from its sibling. */
export class InMemoryFollowRepository implements FollowRepository, Restorable {
  private readonly pairs = new Set<string>();

  constructor(private readonly users: UserRepository) {}

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
    return { followers: this.followerIdsOf(userId).length, following: this.followedBy(userId).size };
  }

  async countsOfEach(userIds: readonly UserId[]): Promise<ReadonlyMap<UserId, FollowCounts>> {
    return new Map(await Promise.all(userIds.map(async (id) => [id, await this.counts(id)] as const)));
  }

  followersOf(userId: UserId, offset: number, limit: number): Promise<User[]> {
    return this.usersOf(this.followerIdsOf(userId), offset, limit);
  }

  followeesOf(userId: UserId, offset: number, limit: number): Promise<User[]> {
    return this.usersOf([...this.followedBy(userId)], offset, limit);
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
    return new Set(this.all().filter(([follower]) => follower === followerId).map(([, followed]) => followed));
  }

  private followerIdsOf(userId: UserId): UserId[] {
    return this.all().filter(([, followed]) => followed === userId).map(([follower]) => follower);
  }

  private async usersOf(ids: readonly UserId[], offset: number, limit: number): Promise<User[]> {
    const found: User[] = [];
    for (const id of [...ids].sort((a, b) => a - b).slice(offset, offset + limit)) {
      const user = await this.users.findById(id);
      if (user) found.push(user);
    }
    return found;
  }

  private all(): [UserId, UserId][] {
    return [...this.pairs].map((key) => key.split('>').map(Number) as [UserId, UserId]);
  }
}

const pair = (followerId: UserId, followedId: UserId) => `${followerId}>${followedId}`;
