import type { HelmetOptions } from 'helmet';
import helmet from 'koa-helmet';
import type { AppKoaContext, AppMiddleware } from '../context.js';

/**
 * Security headers on every response (helmet's defaults plus a strict Content-Security-Policy: the
 * app needs no script at all, and only Gravatar's images come from elsewhere).
 */
export const SECURITY_HEADER_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'none'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'https://www.gravatar.com', 'data:'],
      fontSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
    },
  },
  referrerPolicy: { policy: 'same-origin' },
};

export const securityHeaders = helmet(SECURITY_HEADER_OPTIONS) as AppMiddleware;

/** For responses rebuilt after an error: their headers were cleared and must be set again. */
export function applySecurityHeaders(ctx: AppKoaContext): Promise<void> {
  return Promise.resolve(securityHeaders(ctx, async () => {}));
}
