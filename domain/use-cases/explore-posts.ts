import type { ResultAsync } from 'neverthrow';
import type { PageNotFound } from '../errors.js';
import { countedPage, listOf, pageOf, type CountedPage, type Page, type PagedList, type PageRequest } from '../pagination.js';
import type { PostRepository } from '../ports/post-repository.js';
import type { TimelinePost } from '../posts/post.js';

/** Everyone's posts, newest first. */
export class ExplorePosts {
  constructor(private readonly posts: PostRepository) {}

  execute(page: PageRequest): ResultAsync<Page<TimelinePost>, PageNotFound> {
    return pageOf(page, this.everyone());
  }

  /** The same page with the totals, which cost a count of every post. */
  executeCounted(page: PageRequest): ResultAsync<CountedPage<TimelinePost>, PageNotFound> {
    return countedPage(page, this.everyone());
  }

  private everyone(): PagedList<TimelinePost> {
    return listOf((offset, limit) => this.posts.everyone(offset, limit), () => this.posts.countEveryone());
  }
}
