import type { Result } from 'neverthrow';
import type { PageNotFound } from '../errors.js';
import { offsetOf, pageFrom, type Page, type PageRequest } from '../pagination.js';
import type { PostRepository } from '../ports/post-repository.js';
import type { TimelinePost } from '../posts/post.js';
import type { UserId } from '../user.js';

/** One author's posts, newest first. */
export class UserPosts {
  constructor(private readonly posts: PostRepository) {}

  async execute(authorId: UserId, page: PageRequest): Promise<Result<Page<TimelinePost>, PageNotFound>> {
    return pageFrom(page, await this.posts.byAuthor(authorId, offsetOf(page), page.size + 1));
  }
}
