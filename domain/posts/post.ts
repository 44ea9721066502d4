import type { UserId } from '../user.js';

export type PostId = number;

export type Post = Readonly<{ id: PostId; authorId: UserId; body: string; createdAt: Date }>;

export type NewPost = Readonly<{ authorId: UserId; body: string; createdAt: Date }>;

/** A post as a timeline shows it: with who wrote it. */
export type TimelinePost = Readonly<{
  id: PostId;
  body: string;
  createdAt: Date;
  author: Readonly<{ id: UserId; username: string; email: string }>;
}>;

/** A place in a walk over posts in time order: the post a page ended with, the next starting after it. */
export type PostCursor = Pick<Post, 'createdAt' | 'id'>;
