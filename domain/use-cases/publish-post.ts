import { err, ok, type Result } from 'neverthrow';
import type { PostEmpty, PostTooLong } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { PostRepository } from '../ports/post-repository.js';
import type { Post } from '../posts/post.js';
import { parsePostBody } from '../posts/post-rules.js';
import type { UserId } from '../user.js';

export type PublishPostError = PostEmpty | PostTooLong;

export class PublishPost {
  constructor(
    private readonly posts: PostRepository,
    private readonly clock: Clock,
  ) {}

  async execute(input: Readonly<{ authorId: UserId; body: string }>): Promise<Result<Post, PublishPostError>> {
    const body = parsePostBody(input.body);
    if (body.isErr()) return err(body.error);
    return ok(await this.posts.add({ authorId: input.authorId, body: body.value, createdAt: this.clock.now() }));
  }
}
