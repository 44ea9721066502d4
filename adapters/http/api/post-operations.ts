import { SEARCH_QUERY_MAX_LENGTH } from '../../../domain/search/search-query.js';
import { unlessSearchUnavailable } from '../errors/search-unavailable.js';
import { readForm } from '../forms/fields.js';
import { postFields, postForm } from '../forms/post-form.js';
import { submitForm } from '../forms/submit-form.js';
import { routeNames } from '../route-table.js';
import type { UseCases } from '../use-cases.js';
import { answerApi } from './api-answer.js';
import type { ApiOperation } from './api-operation.js';
import { callerOf } from './bearer-auth.js';
import { pagedList } from './pagination-query.js';
import { presentPost } from './representations.js';
import { userIdOf } from './api-fields.js';
import { ref } from './schemas.js';

const drives = routeNames(import.meta.url);

export function postOperations({ explorePosts, searchPosts, homeTimeline, userPosts, publishPost }: UseCases): ApiOperation[] {
  const postList = { status: 200, description: 'One page of posts, newest first.', schema: ref('PostList') } as const;
  return [
    {
      method: 'get',
      path: '/posts',
      operationId: 'explorePosts',
      drives: drives('explorePosts', 'searchPosts'),
      tag: 'Posts',
      summary: 'List or search all posts',
      description: 'Everyone\'s posts, newest first; with `q`, those that hold its words, best match first.',
      auth: 'bearer',
      paginated: true,
      query: [{
        name: 'q',
        in: 'query',
        description: 'Words every post listed must hold, case and accents aside; `"a phrase"` in quotes, `word*` for words that begin so. '
          + 'Anything else is read as text between words, never as an operator. Empty, it lists every post.',
        schema: { type: 'string', maxLength: SEARCH_QUERY_MAX_LENGTH },
      }],
      success: postList,
      handle: pagedList((ctx, page) => {
        const text = searchTextOf(ctx.query.q);
        return text === null ? explorePosts.executeCounted(page) : unlessSearchUnavailable(searchPosts.executeCounted(text, page));
      }, presentPost),
    },
    {
      method: 'post',
      path: '/posts',
      operationId: 'publishPost',
      drives: drives('publishPost'),
      tag: 'Posts',
      summary: 'Publish a post',
      description: 'Publish a post of 1 to 140 characters.',
      auth: 'bearer',
      requestBody: ref('NewPost'),
      success: { status: 201, description: 'The post, live.', schema: ref('Post') },
      problems: [422],
      handle: async (ctx) => {
        const me = callerOf(ctx);
        const publish = (body: string) => publishPost.execute({ authorId: me.id, body });
        const published = await submitForm(readForm(ctx.request.body, postForm('body')), postFields('body'), { act: publish });
        await answerApi(ctx, published, ({ id, body, createdAt }) => {
          ctx.status = 201;
          ctx.body = presentPost({ id, body, createdAt, author: { id: me.id, username: me.username, email: me.email } });
        });
      },
    },
    {
      method: 'get',
      path: '/timeline',
      operationId: 'homeTimeline',
      drives: drives('homeTimeline'),
      tag: 'Posts',
      summary: 'Read your timeline',
      description: 'Your posts and those of the people you follow, newest first.',
      auth: 'bearer',
      paginated: true,
      success: postList,
      handle: pagedList((ctx, page) => homeTimeline.executeCounted(callerOf(ctx).id, page), presentPost),
    },
    {
      method: 'get',
      path: '/users/{id}/posts',
      operationId: 'userPosts',
      drives: drives('userPosts'),
      tag: 'Posts',
      summary: 'List a user\'s posts',
      description: 'One user\'s posts, newest first.',
      auth: 'bearer',
      paginated: true,
      success: postList,
      problems: [404],
      handle: pagedList((ctx, page) => userIdOf(ctx).asyncAndThen((id) => userPosts.executeCounted({ id }, page)), presentPost),
    },
  ];
}

/** A search's text, or null for none: `q` absent or blank; given more than once, its words are searched together. */
function searchTextOf(q: string | string[] | undefined): string | null {
  const text = [q ?? []].flat().join(' ');
  return text.trim() === '' ? null : text;
}
