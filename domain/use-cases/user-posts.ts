import { err, type Result } from 'neverthrow';
import { userNotFound, type PageNotFound, type UserNotFound } from '../errors.js';
import { countedPage, offsetOf, pageFrom, type CountedPage, type Page, type PageRequest } from '../pagination.js';
import type { PostRepository } from '../ports/post-repository.js';
import type { UserRepository } from '../ports/user-repository.js';
import type { TimelinePost } from '../posts/post.js';
import type { UserId } from '../user.js';
import { findUser, type UserLookup } from '../user-lookup.js';

/** One author's posts, newest first. */
export class UserPosts {
  constructor(
    private readonly posts: PostRepository,
    private readonly users: UserRepository,
  ) {}

  async execute(authorId: UserId, page: PageRequest): Promise<Result<Page<TimelinePost>, PageNotFound>> {
    return pageFrom(page, await this.posts.byAuthor(authorId, offsetOf(page), page.size + 1));
  }

  /** The page with the totals, for an author who may not exist. */
  async executeCounted(author: UserLookup, page: PageRequest): Promise<Result<CountedPage<TimelinePost>, UserNotFound | PageNotFound>> {
    const user = await findUser(this.users, author);
    if (!user) return err(userNotFound());
    return countedPage(page, {
      fetch: (offset, limit) => this.posts.byAuthor(user.id, offset, limit),
      count: () => this.posts.countByAuthor(user.id),
    });
  }
}
