import type { AppMiddleware, AppRouter } from '../context.js';

/**
 * The router's answer to a method its routes do not take, always a client error. The router calls
 * a method it has no route for anywhere (TRACE, PROPFIND, …) 501, as if the server lacked
 * something; but the request is what is wrong: an address the router knows does not take that
 * method (405, with the Allow the router set), and an address it does not know names nothing,
 * whatever the method (404).
 */
export function allowedMethods(router: AppRouter): AppMiddleware {
  const answer = router.allowedMethods() as AppMiddleware;
  return async (ctx, next) => {
    await answer(ctx, next);
    if (ctx.status !== 501) return;
    if (ctx.response.get('Allow')) {
      ctx.status = 405;
    } else {
      ctx.remove('Allow');
      ctx.status = 404;
    }
  };
}
