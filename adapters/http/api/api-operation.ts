import type { ParameterObject, ReferenceObject, SchemaObject } from 'openapi3-ts/oas31';
import type { AppRoute } from '../context.js';

/** What an operation's handler gets: the request, its route's parameters, and the caller once authenticated. */
export type ApiContext = Parameters<AppRoute>[0];

/** The groups the document lists operations under, with what each holds. */
export const API_TAGS = {
  Tokens: 'Bearer tokens: one for your username and password, revoked when you are done.',
  Users: 'Accounts: registering, reading profiles, changing your own.',
  Follows: 'Who follows whom.',
  Posts: 'Publishing posts and reading them, everyone\'s, a user\'s or your timeline.',
  'Password reset': 'A new password through a link sent by email.',
  Messages: 'Private messages between users, and the notifications that say when something happened.',
  Exports: 'Your posts, every one, emailed to you as a JSON file by a background job you can follow.',
  'About the API': 'This document, and a page for each problem type.',
} as const;

export type ApiTag = keyof typeof API_TAGS;

/** Who may call an operation: anyone, a holder of a bearer token, or a user sending their password. */
export type ApiAuth = 'none' | 'bearer' | 'basic';

/**
 * One endpoint of the API: the router is built from these and so is the OpenAPI document, so the
 * two cannot disagree. `path` is the OpenAPI template under `/api` (`/users/{id}`).
 */
export type ApiOperation = Readonly<{
  method: 'get' | 'post' | 'put' | 'delete';
  path: `/${string}`;
  operationId: string;
  /** The route's name, made by `routeNames`: this file and the use cases the operation drives. */
  drives: string;
  tag: ApiTag;
  /** A few words, as a title. */
  summary: string;
  description: string;
  auth: ApiAuth;
  /** Takes `?page=&per_page=`. */
  paginated?: boolean;
  /** Query parameters of its own, besides the pagination's. */
  query?: readonly ParameterObject[];
  requestBody?: SchemaObject | ReferenceObject;
  success: Readonly<{
    status: 200 | 201 | 202 | 204;
    description: string;
    /** `application/json` unless said otherwise. */
    mediaType?: string;
    schema?: SchemaObject | ReferenceObject;
    /** Name → what it holds. */
    headers?: Readonly<Record<string, string>>;
  }>;
  /** Problem statuses of this operation's own, besides those its traits above imply. */
  problems?: readonly number[];
  handle: (ctx: ApiContext) => Promise<void>;
}>;

/** The Koa router's form of an OpenAPI path template: `/users/{id}` → `/users/:id`. */
export function routerPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}
