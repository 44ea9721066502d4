import { err, type Result } from 'neverthrow';
import { userNotFound, type PageNotFound, type UserNotFound } from '../errors.js';
import { countedPage, pageOf, type CountedPage, type Page, type PagedList, type PageRequest } from '../pagination.js';
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

  execute(authorId: UserId, page: PageRequest): Promise<Result<Page<TimelinePost>, PageNotFound>> {
    return pageOf(page, this.postsBy(authorId));
  }

  /** The page with the totals, for an author who may not exist. */
  async executeCounted(author: UserLookup, page: PageRequest): Promise<Result<CountedPage<TimelinePost>, UserNotFound | PageNotFound>> {
    const user = await findUser(this.users, author);
    if (!user) return err(userNotFound());
    return countedPage(page, this.postsBy(user.id));
  }

  private postsBy(authorId: UserId): PagedList<TimelinePost> {
    return { fetch: (offset, limit) => this.posts.byAuthor(authorId, offset, limit), count: () => this.posts.countByAuthor(authorId) };
  }
}
