import type { ReferenceObject, SchemaObject } from 'openapi3-ts/oas31';
import { ABOUT_ME_MAX_LENGTH, EMAIL_MAX_LENGTH, PASSWORD_MIN_LENGTH, USERNAME_MAX_LENGTH } from '../../../domain/user-rules.js';
import { POST_MAX_LENGTH } from '../../../domain/posts/post-rules.js';
import { FIELD_CODES } from '../forms/messages.js';
import { MAX_PER_PAGE } from './pagination-query.js';

// The JSON Schemas (2020-12, as OpenAPI 3.1 uses) of what the API sends and accepts. Responses are
// closed (no extra members), so the tests that validate every response against them catch a
// representation that drifts from its schema. Limits come from the domain's own constants.

export type SchemaName =
  | 'User' | 'Post' | 'PageMeta' | 'PageLinks' | 'UserList' | 'PostList' | 'Token' | 'NewUser' | 'UserChanges' | 'NewPost'
  | 'ResetRequest' | 'NewPassword' | 'Export' | 'Problem' | 'Message' | 'MessageList' | 'Notification';

export const ref = (name: SchemaName): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });

const link: SchemaObject = { type: 'string', format: 'uri-reference' };
const optionalLink: SchemaObject = { type: ['string', 'null'], format: 'uri-reference' };
const count: SchemaObject = { type: 'integer', minimum: 0 };

/** Who wrote a post or sent a message, as they are named now. */
const writer: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'username', '_links'],
  properties: {
    id: { type: 'integer', minimum: 1 },
    username: { type: 'string' },
    _links: {
      type: 'object',
      additionalProperties: false,
      required: ['self', 'avatar'],
      properties: { self: link, avatar: { type: 'string', format: 'uri' } },
    },
  },
};

const listOf = (item: SchemaName, description: string): SchemaObject => ({
  type: 'object',
  description,
  additionalProperties: false,
  required: ['items', '_meta', '_links'],
  properties: {
    items: { type: 'array', items: ref(item) },
    _meta: ref('PageMeta'),
    _links: ref('PageLinks'),
  },
});

export const SCHEMAS: Readonly<Record<SchemaName, SchemaObject>> = {
  User: {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'username', 'about_me', 'last_seen', 'post_count', 'follower_count', 'following_count', '_links'],
    properties: {
      id: { type: 'integer', minimum: 1 },
      username: { type: 'string', maxLength: USERNAME_MAX_LENGTH },
      email: { type: 'string', format: 'email', description: 'Only in your own account.' },
      about_me: { type: 'string' },
      last_seen: { type: ['string', 'null'], format: 'date-time' },
      post_count: count,
      follower_count: count,
      following_count: count,
      _links: {
        type: 'object',
        additionalProperties: false,
        required: ['self', 'followers', 'following', 'posts', 'avatar'],
        properties: { self: link, followers: link, following: link, posts: link, avatar: { type: 'string', format: 'uri' } },
      },
    },
  },
  Post: {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'body', 'created_at', 'author'],
    properties: {
      id: { type: 'integer', minimum: 1 },
      body: { type: 'string', minLength: 1 },
      created_at: { type: 'string', format: 'date-time' },
      author: writer,
    },
  },
  PageMeta: {
    type: 'object',
    additionalProperties: false,
    required: ['page', 'per_page', 'total_pages', 'total_items'],
    properties: { page: { type: 'integer', minimum: 1 }, per_page: { type: 'integer', minimum: 1, maximum: MAX_PER_PAGE }, total_pages: count, total_items: count },
  },
  PageLinks: {
    type: 'object',
    additionalProperties: false,
    required: ['self', 'next', 'prev'],
    properties: { self: link, next: optionalLink, prev: optionalLink },
  },
  UserList: listOf('User', 'One page of users.'),
  PostList: listOf('Post', 'One page of posts, newest first.'),
  Token: {
    type: 'object',
    additionalProperties: false,
    required: ['token', 'expires_at'],
    properties: { token: { type: 'string', minLength: 40 }, expires_at: { type: 'string', format: 'date-time' } },
  },
  NewUser: {
    type: 'object',
    required: ['username', 'email', 'password'],
    properties: {
      username: { type: 'string', maxLength: USERNAME_MAX_LENGTH, pattern: '^[A-Za-z0-9._-]+$' },
      email: { type: 'string', maxLength: EMAIL_MAX_LENGTH, format: 'email' },
      password: { type: 'string', minLength: PASSWORD_MIN_LENGTH },
    },
  },
  UserChanges: {
    type: 'object',
    description: 'Fields left out keep their value.',
    properties: {
      username: { type: 'string', maxLength: USERNAME_MAX_LENGTH, pattern: '^[A-Za-z0-9._-]+$' },
      about_me: { type: 'string', maxLength: ABOUT_ME_MAX_LENGTH, description: 'An empty string clears it; null is refused (`not-text`).' },
    },
  },
  ResetRequest: {
    type: 'object',
    required: ['email'],
    properties: { email: { type: 'string', maxLength: EMAIL_MAX_LENGTH, format: 'email' } },
  },
  NewPassword: {
    type: 'object',
    required: ['password'],
    properties: { password: { type: 'string', minLength: PASSWORD_MIN_LENGTH } },
  },
  NewPost: {
    type: 'object',
    required: ['body'],
    properties: { body: { type: 'string', minLength: 1, maxLength: POST_MAX_LENGTH } },
  },
  Export: {
    type: 'object',
    description: 'An export of your posts, emailed to you as `posts.json` once done.',
    additionalProperties: false,
    required: ['id', 'status', 'progress', 'created_at', 'updated_at', '_links'],
    properties: {
      id: { type: 'integer', minimum: 1 },
      status: { enum: ['queued', 'running', 'done', 'failed'], description: '`done`: the email is on its way; `failed`: it could not be sent, and `error` says why.' },
      progress: { type: 'integer', minimum: 0, maximum: 100 },
      error: { type: 'string', description: 'Only when `failed`: why, in a sentence for you.' },
      created_at: { type: 'string', format: 'date-time' },
      updated_at: { type: 'string', format: 'date-time' },
      _links: { type: 'object', additionalProperties: false, required: ['self'], properties: { self: link } },
    },
  },
  Message: {
    type: 'object',
    description: 'A private message, with its sender as now named.',
    additionalProperties: false,
    required: ['id', 'body', 'created_at', 'sender'],
    properties: {
      id: { type: 'integer', minimum: 1 },
      body: { type: 'string', minLength: 1 },
      created_at: { type: 'string', format: 'date-time' },
      sender: writer,
    },
  },
  MessageList: listOf('Message', 'One page of the messages you received, newest first.'),
  Notification: {
    type: 'object',
    description: 'Something that happened for you: `unread_message_count` (`data`: the count) is written each time the count changes, '
      + '`task_progress` (`data`: `{task_id, progress}`, the export\'s id and 0 to 100) as your export goes.',
    additionalProperties: false,
    required: ['name', 'data', 'timestamp'],
    properties: {
      name: { type: 'string' },
      data: {},
      timestamp: { type: 'number', description: 'Seconds since the epoch, to the millisecond: send the last one seen as `since`.' },
    },
  },
  Problem: {
    type: 'object',
    description: 'RFC 9457 problem details.',
    additionalProperties: false,
    required: ['type', 'title', 'status', 'detail', 'instance'],
    properties: {
      type: { type: 'string', format: 'uri-reference', description: '`about:blank` for a plain status, or a page under `/api/problems/` explaining this problem.' },
      title: { type: 'string' },
      status: { type: 'integer', minimum: 400, maximum: 599 },
      detail: { type: 'string' },
      instance: { type: 'string', description: 'The request path.' },
      reference: { type: 'string', pattern: '^[0-9A-Z]{8,}$', description: 'On 5xx only: quote it to the administrators; their log has the same.' },
      errors: {
        type: 'array',
        description: 'Every invalid field or parameter at once.',
        minItems: 1,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['field', 'code', 'message'],
          properties: {
            field: { type: 'string' },
            code: {
              enum: [...FIELD_CODES],
              description: 'What is wrong, to act on: `required` (missing or empty), `invalid` (not a valid value), `taken` (another account has it), '
                + '`too-short`, `too-long`, `bad-characters` (a username holds other than letters, digits, dots, dashes and underscores), '
                + '`not-text` (not a string: a number, null, an array or an object), `unsafe-text` (holds control characters or lone surrogates).',
            },
            message: { type: 'string', description: 'The words the website shows next to the field.' },
          },
        },
      },
    },
  },
};
