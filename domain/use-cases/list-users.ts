import type { ResultAsync } from 'neverthrow';
import type { PageNotFound } from '../errors.js';
import { countedPage, listOf, type CountedPage, type PageRequest } from '../pagination.js';
import type { FollowRepository } from '../ports/follow-repository.js';
import type { PostRepository } from '../ports/post-repository.js';
import type { UserRepository } from '../ports/user-repository.js';
import { withCounts, type CountedUser } from '../user-counts.js';

/** Everyone who has registered, oldest account first. */
export class ListUsers {
  constructor(
    private readonly users: UserRepository,
    private readonly follows: FollowRepository,
    private readonly posts: PostRepository,
  ) {}

  execute(page: PageRequest): ResultAsync<CountedPage<CountedUser>, PageNotFound> {
    return countedPage(page, listOf(
      async (offset, limit) => withCounts(await this.users.list(offset, limit), this.follows, this.posts),
      () => this.users.count(),
    ));
  }
}
