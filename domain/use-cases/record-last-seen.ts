import type { Clock } from '../ports/clock.js';
import type { UserRepository } from '../ports/user-repository.js';
import { ACTIVITY_PRECISION_MS, type User } from '../user.js';

/**
 * Notes that a user was active. It runs on every logged-in request, so it writes only when the
 * stored time is older than the activity precision; a burst of clicks costs one write, not one per
 * request.
 */
export class RecordLastSeen {
  constructor(
    private readonly users: UserRepository,
    private readonly clock: Clock,
  ) {}

  /** The user as now stored, so the request goes on with the time it recorded. */
  async execute(user: User): Promise<User> {
    const now = this.clock.now();
    if (user.lastSeen && now.getTime() - user.lastSeen.getTime() < ACTIVITY_PRECISION_MS) return user;
    await this.users.recordLastSeen(user.id, now);
    return { ...user, lastSeen: now };
  }
}
