import helmet, { type HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
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

/**
 * What helmet sets on a response, collected once: with these options its values depend on nothing
 * in the request, so running helmet's middleware per request only rebuilt the same strings.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = helmetHeaders(SECURITY_HEADER_OPTIONS);

const HEADER_ENTRIES = Object.entries(SECURITY_HEADERS);

export const securityHeaders: AppMiddleware = async (ctx, next) => {
  setSecurityHeaders(ctx);
  await next();
};

/** For responses rebuilt after an error: their headers were cleared and must be set again. */
export function setSecurityHeaders(ctx: AppKoaContext): void {
  for (const [name, value] of HEADER_ENTRIES) ctx.res.setHeader(name, value);
}

function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const collector = { setHeader: (name: string, value: unknown) => { headers[name] = String(value); }, removeHeader: () => {} };
  helmet(options)({} as IncomingMessage, collector as unknown as ServerResponse, () => {});
  return headers;
}
