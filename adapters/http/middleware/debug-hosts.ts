import createHttpError from 'http-errors';
import type { AppMiddleware } from '../context.js';

/** The names of this machine that a developer's browser uses; configured names are added to them. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/**
 * In debug mode the app answers only requests addressed to it by a name on the allow-list. A page
 * on another site can make its own name resolve to 127.0.0.1 (DNS rebinding) and then read the
 * development server's answers as its own, debug pages and source lines included; such a request
 * still carries that other name in its Host header, and is refused here with a 400.
 */
export function allowedHostsOnly(configured: readonly string[]): AppMiddleware {
  const allowed = new Set([...LOOPBACK_NAMES, ...configured].map(hostnameOf));
  return async (ctx, next) => {
    // The Host header itself: with TRUST_PROXY, ctx.host would read X-Forwarded-Host, which the page can set.
    const host = hostnameOf(ctx.get('Host'));
    if (host === null || !allowed.has(host)) {
      throw createHttpError(400, 'This development server answers only to the host names it knows (localhost, 127.0.0.1, [::1] and MICROBLOG_DEBUG_HOSTS).');
    }
    await next();
  };
}

/** The host name of a Host header (port dropped, lower case, no trailing dot), or null if it is not one. */
export function hostnameOf(host: string): string | null {
  if (host === '' || /[\s/@?#\\]/.test(host)) return null;
  try {
    return new URL(`http://${host}`).hostname.replace(/\.$/, '');
  } catch {
    return null;
  }
}
