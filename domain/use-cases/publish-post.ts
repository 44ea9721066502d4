import type { ResultAsync } from 'neverthrow';
import { fieldsRejected, type FieldsRejected, type PostEmpty, type PostTooLong } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { PostRepository } from '../ports/post-repository.js';
import type { Post } from '../posts/post.js';
import { parsePostBody } from '../posts/post-rules.js';
import type { UserId } from '../user.js';

export type PublishPostError = FieldsRejected<PostEmpty | PostTooLong>;

export class PublishPost {
  constructor(
    private readonly posts: PostRepository,
    private readonly clock: Clock,
  ) {}

  execute(input: Readonly<{ authorId: UserId; body: string }>): ResultAsync<Post, PublishPostError> {
    return parsePostBody(input.body)
      .mapErr((problem) => fieldsRejected([problem]))
      .asyncMap((body) => this.posts.add({ authorId: input.authorId, body, createdAt: this.clock.now() }));
  }
}
