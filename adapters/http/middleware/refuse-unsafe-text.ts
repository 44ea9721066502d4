import createHttpError from 'http-errors';
import type { AppKoaContext, AppMiddleware } from '../context.js';
import { isSafeAddressText, isSafeFieldText, REFUSED_TEXT } from '../unsafe-text.js';

/**
 * The one place where text from outside is checked before any route sees it: every path segment
 * (what becomes a path parameter), every query name and value, and every string in the body, at
 * any depth. A path that holds unsafe text names nothing (404); a query value that does is
 * malformed (400), unless the page can do without it (`next`), which is then dropped; a body value
 * is replaced by `REFUSED_TEXT`, so its form shows the field's message.
 */
export const refuseUnsafeText: AppMiddleware = async (ctx, next) => {
  if (!pathIsSafe(ctx.path)) throw createHttpError(404);
  if (ctx.querystring !== '') refuseUnsafeQuery(ctx);
  // A GET has no parsed body: form-body parses only the methods that carry one.
  if (ctx.request.body !== undefined) refuseUnsafeBodyText(ctx.request.body);
  await next();
};

// `next` only says where to go after logging in: a person who followed a mangled link still gets
// the login page, and lands on the index.
const DROPPABLE_QUERY: ReadonlySet<string> = new Set(['next']);

// Segment by segment, as the router decodes parameters: one segment that does not decode is passed
// on as written (percent signs and all) and must not hide a NUL encoded in the next one.
function pathIsSafe(path: string): boolean {
  return path.split('/').every((segment) => isSafeAddressText(segment) && isSafeAddressText(decodedOrAsIs(segment)));
}

function decodedOrAsIs(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function refuseUnsafeQuery(ctx: AppKoaContext): void {
  const entries = Object.entries(ctx.query);
  const unsafe = entries.filter(([name, value]) =>
    !isSafeAddressText(name) || !(Array.isArray(value) ? value : [value ?? '']).every(isSafeAddressText));
  if (unsafe.length === 0) return;
  if (unsafe.some(([name]) => !DROPPABLE_QUERY.has(name))) throw createHttpError(400, 'The address holds characters that are not allowed.');
  ctx.query = Object.fromEntries(entries.filter((entry) => !unsafe.includes(entry)));
}

/** Walks the parsed body without recursion: a 16 KB JSON body can nest thousands of levels deep. */
function refuseUnsafeBodyText(body: unknown): void {
  const pending: unknown[] = [body];
  for (let container = pending.pop(); container !== undefined; container = pending.pop()) {
    if (typeof container !== 'object' || container === null) continue;
    const record = container as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const value = record[key];
      if (!isSafeFieldText(key)) {
        delete record[key];
      } else if (typeof value === 'string') {
        // defineProperty, not assignment: a JSON body can hold an own `__proto__` key.
        if (!isSafeFieldText(value)) Object.defineProperty(record, key, { value: REFUSED_TEXT, enumerable: true, writable: true, configurable: true });
      } else {
        pending.push(value);
      }
    }
  }
}
