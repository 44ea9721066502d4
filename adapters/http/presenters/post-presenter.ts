import type { Page } from '../../../domain/pagination.js';
import type { Clock } from '../../../domain/ports/clock.js';
import type { TimelinePost } from '../../../domain/posts/post.js';
import type { Language } from '../../../domain/ports/translator.js';
import { gravatarUrl } from './gravatar.js';
import { relativeTime } from './relative-time.js';

export const POST_AVATAR_SIZE = 48;

export type PostView = Readonly<{
  body: string;
  author: Readonly<{ username: string; url: string; avatarUrl: string }>;
  createdAt: Readonly<{ iso: string; relative: string }>;
}>;

export type PostsView = Readonly<{ posts: readonly PostView[]; newerUrl: string | null; olderUrl: string | null }>;

/** How the pages list posts: how many to a page, and the clock their ages are counted from. */
export type PostListing = Readonly<{ postsPerPage: number; clock: Clock }>;

export function profileUrl(username: string): string {
  return `/user/${encodeURIComponent(username)}`;
}

/** The language a page is in, and its words: what a post's age is said with. */
export type PageLanguage = Readonly<{ language: Language; t: (key: string) => string }>;

/** A page of posts as a list shows it, with links to the newer and older pages of `basePath` (which may hold a query). */
export function presentPosts(page: Page<TimelinePost>, basePath: string, now: Date, { language, t }: PageLanguage): PostsView {
  const justNow = t('just now');
  const pageUrl = (number: number) => (number === 1 ? basePath : `${basePath}${basePath.includes('?') ? '&' : '?'}page=${number}`);
  return {
    posts: page.items.map((post) => ({
      body: post.body,
      author: { username: post.author.username, url: profileUrl(post.author.username), avatarUrl: gravatarUrl(post.author.email, POST_AVATAR_SIZE) },
      createdAt: { iso: post.createdAt.toISOString(), relative: relativeTime(post.createdAt, now, language, justNow) },
    })),
    newerUrl: page.hasNewer ? pageUrl(page.number - 1) : null,
    olderUrl: page.hasOlder ? pageUrl(page.number + 1) : null,
  };
}
