import type { AppMiddleware } from '../context.js';

/**
 * For load balancers and orchestrators, ahead of sessions and the database's unit of work:
 * `/healthz` says the process serves (liveness), `/readyz` that it can reach its database
 * (readiness, 503 when not). Cheap, unauthenticated, and never written to the log.
 */
export function healthChecks(isDatabaseReachable: () => Promise<boolean>): AppMiddleware {
  return async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      await next();
      return;
    }
    if (ctx.path === '/healthz') {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { status: 'ok' };
      return;
    }
    if (ctx.path === '/readyz') {
      const ready = await isDatabaseReachable().catch(() => false);
      ctx.set('Cache-Control', 'no-store');
      ctx.status = ready ? 200 : 503;
      ctx.body = { status: ready ? 'ready' : 'database unreachable' };
      return;
    }
    await next();
  };
}
