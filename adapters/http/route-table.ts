import type { Router } from '@koa/router';
import type Koa from 'koa';
import type { UseCases } from './use-cases.js';

export type UseCaseName = keyof UseCases;

export type RouteEntry = Readonly<{
  method: string;
  path: string;
  parameters: readonly string[];
  /** The file that registers the route, from the project's root (`adapters/http/routes/auth-routes.ts`). */
  file: string | null;
  /** The use cases its handler drives, none for a page that only shows a form. */
  useCases: readonly UseCaseName[];
}>;

/**
 * What a module's routes are named after: `const drives = routeNames(import.meta.url)` once, then
 * `router.post(drives('registerUser'), '/register', …)`. The name holds the module's own file and
 * the use cases the route drives; @koa/router keeps it on the route, where `routeTable` reads it
 * back, so the table in docs/architecture.md is made from the routes themselves.
 */
export function routeNames(moduleUrl: string): (...useCases: UseCaseName[]) => string {
  // From the folder the module sits in under the project's root: the same under tsx and in dist/.
  const file = moduleUrl.slice(moduleUrl.lastIndexOf('/adapters/') + 1);
  return (...useCases) => [file, ...useCases].join(' ');
}

/**
 * Every route the app answers, read from the stacks of the routers mounted on it (a router's
 * `routes()` middleware carries its router), so a route is listed the moment it is registered.
 * HEAD, which the router adds to every GET, is left out.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any app's state and context
export function routeTable(app: Koa<any, any>): RouteEntry[] {
  return app.middleware
    .flatMap((middleware) => (middleware as { router?: Router }).router?.stack ?? [])
    .flatMap((layer) => {
      if (typeof layer.path !== 'string') return [];
      const [file = null, ...useCases] = layer.name?.split(' ') ?? [];
      return layer.methods
        .filter((method) => method !== 'HEAD')
        .map((method) => ({
          method,
          path: layer.path as string,
          parameters: layer.paramNames.map((key) => String(key.name)),
          file,
          useCases: useCases as UseCaseName[],
        }));
    });
}
