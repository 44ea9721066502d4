import { HttpMethodEnum, koaBody } from 'koa-body';
import createHttpError from 'http-errors';
import type { AppKoaContext, AppMiddleware } from '../context.js';

/** Forms here are a few short fields; anything bigger is not a form of ours. */
export const BODY_LIMIT = '16kb';
const BODY_METHODS = [HttpMethodEnum.POST, HttpMethodEnum.PUT, HttpMethodEnum.PATCH, HttpMethodEnum.DELETE];

const parse = koaBody({
  json: true,
  urlencoded: true,
  text: false,
  multipart: false,
  jsonStrict: true,
  formLimit: BODY_LIMIT,
  jsonLimit: BODY_LIMIT,
  includeUnparsed: true,
  parsedMethods: BODY_METHODS,
});

type BodyType = 'urlencoded' | 'json';

// The content codings the parser decodes, by every name RFC 9110 §8.4.1 gives them: names are
// case-insensitive, and x-gzip is gzip.
const DECODED_CODINGS: ReadonlyMap<string, string> = new Map([
  ['identity', 'identity'], ['gzip', 'gzip'], ['x-gzip', 'gzip'], ['deflate', 'deflate'], ['br', 'br'],
]);

/**
 * Parses bodies of the given types and turns every way a body can be wrong into a client error: a
 * body of another type is 415 (with `unsupported` as the reason), so is one in a content coding
 * the parser does not decode, one too big 413, one that does not decode (bad JSON, broken gzip,
 * invalid UTF-8 or percent-encoding) 400.
 */
export function requestBody(types: readonly [BodyType, ...BodyType[]], unsupported: string): AppMiddleware {
  return async (ctx, next) => {
    // A zero-length body is no body, whatever its declared type: the form then reports empty fields.
    if ((BODY_METHODS as readonly string[]).includes(ctx.method) && ctx.request.length !== 0) {
      if (ctx.is(...types) === false) throw createHttpError(415, unsupported);
      acceptedCoding(ctx);
      try {
        await parse(ctx, async () => {});
      } catch (error) {
        throw asClientError(error);
      }
      rejectUndecodable(ctx.request.rawBody, ctx.is('urlencoded') !== false);
    }
    await next();
  };
}

/** The website's forms: urlencoded, as browsers send them, or JSON. */
export const formBody = requestBody(['urlencoded', 'json'], 'Send the form as application/x-www-form-urlencoded or JSON.');

/**
 * Hands the parser the body's content coding by the one name it knows, or refuses the body with
 * the codings it would take (RFC 9110 §15.5.16). A body in several codings is refused too.
 */
function acceptedCoding(ctx: AppKoaContext): void {
  const coding = DECODED_CODINGS.get(ctx.get('Content-Encoding').trim().toLowerCase() || 'identity');
  if (!coding) {
    throw createHttpError(415, 'The request body is compressed in a way this site does not read.', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
  }
  ctx.req.headers['content-encoding'] = coding;
}

function asClientError(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const { status, code } = error as { status?: unknown; code?: unknown };
  if (typeof status === 'number' && status >= 400 && status < 500) return error;
  // zlib's (Z_…) and brotli's (ERR__ERROR_…) codes: a body whose Content-Encoding does not match its bytes.
  if (typeof code === 'string' && /^(Z_|ERR__ERROR_)/.test(code)) return createHttpError(400, 'The request body could not be decompressed.');
  return error;
}

function rejectUndecodable(raw: unknown, urlencoded: boolean): void {
  if (typeof raw !== 'string') return;
  // The decoder turns bytes that are not UTF-8 into U+FFFD; a browser never sends that raw.
  if (raw.includes('\uFFFD')) throw createHttpError(400, 'The request body is not valid UTF-8.');
  if (urlencoded && !isDecodableUrlencoded(raw)) throw createHttpError(400, 'The form data is not validly encoded.');
}

function isDecodableUrlencoded(raw: string): boolean {
  try {
    for (const part of raw.split(/[&=]/)) decodeURIComponent(part.replace(/\+/g, ' '));
    return true;
  } catch {
    return false;
  }
}
