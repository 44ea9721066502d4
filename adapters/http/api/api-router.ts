import { Router } from '@koa/router';
import compose from 'koa-compose';
import type { OpenAPIObject } from 'openapi3-ts/oas31';
import type { AppContext, AppMiddleware, AppRouter, AppState } from '../context.js';
import type { Logger } from '../../../domain/ports/logger.js';
import { routeNames } from '../route-table.js';
import type { UseCases } from '../use-cases.js';
import { routerPath, type ApiOperation } from './api-operation.js';
import { logClientError } from '../errors/error-boundary.js';
import { allowedMethods } from '../middleware/allowed-methods.js';
import { refuseUnsafeText } from '../middleware/refuse-unsafe-text.js';
import { bearerAuth } from './bearer-auth.js';
import { databaseOutage } from './database-outage.js';
import { exportOperations } from './export-operations.js';
import { followOperations } from './follow-operations.js';
import { jsonBody } from './json-body.js';
import { messageOperations } from './message-operations.js';
import { openApiDocument } from './openapi-document.js';
import { passwordResetOperations } from './password-reset-operations.js';
import { postOperations } from './post-operations.js';
import { problemPage } from './problem-page.js';
import { tokenOperations } from './token-operations.js';
import { userOperations } from './user-operations.js';

const drives = routeNames(import.meta.url);

export const API_PREFIX = '/api';

export type ApiOptions = Readonly<{
  useCases: UseCases;
  logger: Logger;
  inUnitOfWork: <T>(work: () => Promise<T>) => Promise<T>;
  isDatabaseReachable: () => Promise<boolean>;
}>;

/**
 * Every endpoint of the API, from which both its router and its OpenAPI document are made: the
 * document describes itself and the problem pages too.
 */
export function apiOperations(useCases: UseCases, logger: Logger): ApiOperation[] {
  const operations: ApiOperation[] = [
    ...tokenOperations(useCases), ...userOperations(useCases), ...followOperations(useCases), ...postOperations(useCases),
    ...passwordResetOperations(useCases, logger), ...exportOperations(useCases),
    ...messageOperations(useCases),
  ];
  let document: OpenAPIObject | undefined;
  operations.push(
    {
      method: 'get',
      path: '/openapi.json',
      operationId: 'openApiDocument',
      drives: drives(),
      tag: 'About the API',
      summary: 'This document',
      description: 'This description of the API (OpenAPI 3.1).',
      auth: 'none',
      success: {
        status: 200,
        description: 'The OpenAPI document.',
        schema: { type: 'object', required: ['openapi', 'paths'], properties: { openapi: { type: 'string' }, paths: { type: 'object' } } },
      },
      handle: async (ctx) => {
        document ??= openApiDocument(operations);
        ctx.body = document;
      },
    },
    {
      method: 'get',
      path: '/problems/{slug}',
      operationId: 'problemType',
      drives: drives(),
      tag: 'About the API',
      summary: 'Explain a problem type',
      description: 'A page for people explaining one problem type.',
      auth: 'none',
      success: { status: 200, description: 'The explanation.', mediaType: 'text/html', schema: { type: 'string' } },
      problems: [404],
      handle: problemPage,
    },
  );
  return operations;
}

/** The API's routes under `/api`, one per operation. */
export function apiRouter(useCases: UseCases, logger: Logger): AppRouter {
  const router = new Router<AppState, AppContext>({ prefix: API_PREFIX });
  const operations = apiOperations(useCases, logger);
  const authenticated = bearerAuth(useCases);
  for (const operation of operations) {
    router[operation.method](
      operation.drives,
      routerPath(operation.path),
      ...(operation.auth === 'bearer' ? [authenticated] : []),
      ...(operation.requestBody ? [jsonBody] : []),
      operation.handle,
    );
  }
  return router;
}

/**
 * The API as the second way into the app, beside the pages: requests under `/api` take this stack
 * (no session, no CSRF token, JSON bodies only) and never reach the pages' routes; an address it
 * does not know is its own 404.
 */
export function apiScope(options: ApiOptions): AppMiddleware {
  const router = apiRouter(options.useCases, options.logger);
  const api = compose([
    noStore,
    logAnsweredProblems(options.logger),
    refuseUnsafeText,
    databaseOutage(options.isDatabaseReachable),
    (_ctx, next) => options.inUnitOfWork(next),
    router.routes(),
    allowedMethods(router),
  ]) as AppMiddleware;
  const scope: AppMiddleware = async (ctx, next) => {
    if (isUnderApi(ctx.path)) await api(ctx, async () => {});
    else await next();
  };
  // Carries its router as a router's own middleware does, so whatever lists the app's routes lists these too.
  return Object.assign(scope, { router });
}

function isUnderApi(path: string): boolean {
  return path === API_PREFIX || path.startsWith(`${API_PREFIX}/`);
}

// Answers carry accounts and tokens: no cache may keep them.
const noStore: AppMiddleware = async (ctx, next) => {
  ctx.set('Cache-Control', 'no-store');
  await next();
};

// A problem an operation answered itself is logged as one thrown to the boundary would be; thrown
// ones pass by here, and the boundary answers and logs them.
function logAnsweredProblems(logger: Logger): AppMiddleware {
  return async (ctx, next) => {
    await next();
    if (ctx.status >= 400 && ctx.status < 500 && ctx.body != null) logClientError(logger, ctx, ctx.status);
  };
}
