import type { ResultAsync } from 'neverthrow';
import type { PageNotFound } from '../errors.js';
import { countedPage, listOf, pageOf, type CountedPage, type Page, type PagedList, type PageRequest } from '../pagination.js';
import type { PostRepository } from '../ports/post-repository.js';
import type { TimelinePost } from '../posts/post.js';
import type { UserId } from '../user.js';

/** The user's own posts and those of the people they follow, newest first. */
export class HomeTimeline {
  constructor(private readonly posts: PostRepository) {}

  execute(userId: UserId, page: PageRequest): ResultAsync<Page<TimelinePost>, PageNotFound> {
    return pageOf(page, this.timelineOf(userId));
  }

  /** The same page with the totals, which cost a count of the whole timeline. */
  executeCounted(userId: UserId, page: PageRequest): ResultAsync<CountedPage<TimelinePost>, PageNotFound> {
    return countedPage(page, this.timelineOf(userId));
  }

  private timelineOf(userId: UserId): PagedList<TimelinePost> {
    return listOf((offset, limit) => this.posts.homeTimeline(userId, offset, limit), () => this.posts.countHomeTimeline(userId));
  }
}
