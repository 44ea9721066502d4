// `ctx.render(name, locals)`: the site's pug templates as HTML bodies, with `ctx.state` (the user,
// the CSRF token) visible to every template.
//
// This replaces koa-views (issue 8). koa-views looks the file up on disk (a few `fs.stat` calls
// through the thread pool) on every render even when the compiled template is cached, and its
// default pug options keep the debug instrumentation (`compileDebug`) in production; profiling the
// index page put it at about a fifth of the request's time. Here a production template is compiled
// once, on its first use, and rendering it is a function call.
import path from 'node:path';
import type Koa from 'koa';
import pug from 'pug';

declare module 'koa' {
  interface BaseContext {
    /** Renders `<viewsDir>/<name>.pug` with `ctx.state` and `locals` into an HTML body. */
    render(name: string, locals?: Record<string, unknown>): Promise<void>;
  }
}

export type ViewOptions = Readonly<{
  dir: string;
  /** Production: compile each template once. Development: re-read it on every render, so edits show. */
  cache: boolean;
}>;

type Template = (locals: Record<string, unknown>) => string;

/** Adds `render` to every context of `app` (on Koa's context prototype: no per-request work). */
export function installViews<S, C>(app: Koa<S, C>, options: ViewOptions): void {
  const dir = path.resolve(options.dir);
  const compiled = new Map<string, Template>();
  const compile = (name: string): Template =>
    // compileDebug adds line tracking to every output statement: useful in a developer's stack
    // trace, pure cost in production.
    pug.compileFile(templateFile(dir, name), { basedir: dir, compileDebug: !options.cache });
  const template = (name: string): Template => {
    if (!options.cache) return compile(name);
    let found = compiled.get(name);
    if (!found) {
      found = compile(name);
      compiled.set(name, found);
    }
    return found;
  };
  app.context.render = async function render(this: Koa.Context, name: string, locals: Record<string, unknown> = {}): Promise<void> {
    const html = template(name)({ ...this.state, ...locals });
    this.type = 'html';
    this.body = html;
  };
}

function templateFile(dir: string, name: string): string {
  const file = path.resolve(dir, `${name}.pug`);
  if (!file.startsWith(dir + path.sep)) throw new Error(`template "${name}" is outside the views folder`);
  return file;
}
