import type Koa from 'koa';
import views from 'koa-views';
import path from 'node:path';

export type ViewOptions = Readonly<{
  dir: string;
  /** Production: compile each template once. Development: re-read it on every render, so edits show. */
  cache: boolean;
}>;

/**
 * `ctx.render(name, locals)`: koa-views with pug renders `<dir>/<name>` with `ctx.state` (the user,
 * the CSRF token) and `locals` into an HTML body. Used as a middleware, not on Koa's context
 * prototype: koa-views' context mode keeps the request in one shared variable, so two concurrent
 * renders could swap their bodies.
 */
export function pugViews(options: ViewOptions): Koa.Middleware {
  const dir = path.resolve(options.dir);
  return views(dir, {
    extension: 'pug',
    options: {
      basedir: dir,
      cache: options.cache,
      // Line tracking around every output statement: useful in a developer's stack trace, pure
      // cost in production (measured in a profile of the pages).
      compileDebug: !options.cache,
    },
  });
}
