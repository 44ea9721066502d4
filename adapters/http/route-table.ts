import type { Router } from '@koa/router';
import type Koa from 'koa';

export type RouteEntry = Readonly<{ method: string; path: string; parameters: readonly string[] }>;

/**
 * Every route the app answers, read from the stacks of the routers mounted on it (a router's
 * `routes()` middleware carries its router), so a route is listed the moment it is registered.
 * HEAD, which the router adds to every GET, is left out.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any app's state and context
export function routeTable(app: Koa<any, any>): RouteEntry[] {
  return app.middleware
    .flatMap((middleware) => (middleware as { router?: Router }).router?.stack ?? [])
    .flatMap((layer) => (typeof layer.path !== 'string' ? [] : layer.methods
      .filter((method) => method !== 'HEAD')
      .map((method) => ({ method, path: layer.path as string, parameters: layer.paramNames.map((key) => String(key.name)) }))));
}
