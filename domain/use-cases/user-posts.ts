import type { ResultAsync } from 'neverthrow';
import type { PageNotFound, UserNotFound } from '../errors.js';
import { countedPage, listOf, pageOf, type CountedPage, type Page, type PagedList, type PageRequest } from '../pagination.js';
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

  execute(authorId: UserId, page: PageRequest): ResultAsync<Page<TimelinePost>, PageNotFound> {
    return pageOf(page, this.postsBy(authorId));
  }

  /** The page with the totals, for an author who may not exist. */
  executeCounted(author: UserLookup, page: PageRequest): ResultAsync<CountedPage<TimelinePost>, UserNotFound | PageNotFound> {
    return findUser(this.users, author).andThen((user) => countedPage(page, this.postsBy(user.id)));
  }

  private postsBy(authorId: UserId): PagedList<TimelinePost> {
    return listOf((offset, limit) => this.posts.byAuthor(authorId, offset, limit), () => this.posts.countByAuthor(authorId));
  }
}
