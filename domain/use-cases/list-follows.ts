import type { ResultAsync } from 'neverthrow';
import type { PageNotFound, UserNotFound } from '../errors.js';
import { countedPage, listOf, type CountedPage, type PageRequest } from '../pagination.js';
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

  execute(input: Readonly<{ user: UserLookup; direction: FollowDirection; page: PageRequest }>): ResultAsync<CountedPage<CountedUser>, ListFollowsError> {
    return findUser(this.users, input.user).andThen((user) => countedPage(input.page, listOf(
      async (offset, limit) => withCounts(
        input.direction === 'followers' ? await this.follows.followersOf(user.id, offset, limit) : await this.follows.followeesOf(user.id, offset, limit),
        this.follows,
        this.posts,
      ),
      async () => {
        const { followers, following } = await this.follows.counts(user.id);
        return input.direction === 'followers' ? followers : following;
      },
    )));
  }
}
