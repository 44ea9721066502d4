import { err, type Result } from 'neverthrow';
import { userNotFound, type PageNotFound, type UserNotFound } from '../errors.js';
import { countedPage, type CountedPage, type PageRequest } from '../pagination.js';
import type { FollowRepository } from '../ports/follow-repository.js';
import type { PostRepository } from '../ports/post-repository.js';
import type { UserRepository } from '../ports/user-repository.js';
import { withCounts, type CountedUser } from '../user-counts.js';
import { findUser, type UserLookup } from '../user-lookup.js';

export type ListFollowsError = UserNotFound | PageNotFound;

/** Who follows a user, or whom the user follows. */
export type FollowDirection = 'followers' | 'following';

export class ListFollows {
  constructor(
    private readonly users: UserRepository,
    private readonly follows: FollowRepository,
    private readonly posts: PostRepository,
  ) {}

  async execute(input: Readonly<{ user: UserLookup; direction: FollowDirection; page: PageRequest }>):
      Promise<Result<CountedPage<CountedUser>, ListFollowsError>> {
    const user = await findUser(this.users, input.user);
    if (!user) return err(userNotFound());
    const { followers, following } = await this.follows.counts(user.id);
    return countedPage(input.page, {
      fetch: async (offset, limit) => withCounts(
        input.direction === 'followers' ? await this.follows.followersOf(user.id, offset, limit) : await this.follows.followeesOf(user.id, offset, limit),
        this.follows,
        this.posts,
      ),
      count: async () => (input.direction === 'followers' ? followers : following),
    });
  }
}
