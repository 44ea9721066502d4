import type { Result } from 'neverthrow';
import type { PageNotFound } from '../errors.js';
import { countedPage, offsetOf, pageFrom, type CountedPage, type Page, type PageRequest } from '../pagination.js';
import type { PostRepository } from '../ports/post-repository.js';
import type { TimelinePost } from '../posts/post.js';

/** Everyone's posts, newest first. */
export class ExplorePosts {
  constructor(private readonly posts: PostRepository) {}

  async execute(page: PageRequest): Promise<Result<Page<TimelinePost>, PageNotFound>> {
    return pageFrom(page, await this.posts.everyone(offsetOf(page), page.size + 1));
  }

  /** The same page with the totals, which cost a count of every post. */
  executeCounted(page: PageRequest): Promise<Result<CountedPage<TimelinePost>, PageNotFound>> {
    return countedPage(page, { fetch: (offset, limit) => this.posts.everyone(offset, limit), count: () => this.posts.countEveryone() });
  }
}
