// The file and line of the code that called the logger, for the `[in file:line]` of a log line.
//
// Reading `new Error().stack` for it formats every frame of the stack, and under
// `--enable-source-maps` (as `npm start` runs) maps each one through its source map: profiling the
// 404 page, whose INFO line is written on every hit, put that at about a third of the request.
// Here V8 hands over the one frame needed as a structured call site, and only that position is
// mapped, once per place in the code that logs.
//
// Node 20 hands out structured frames only through V8's process-wide `Error.prepareStackTrace` and
// `Error.stackTraceLimit` (`util.getCallSites` arrives with Node 22.9), so `capture` sets both and
// puts them back synchronously: no other code can run in between and observe them.
import { findSourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

export type CallSite = Readonly<{ file: string; line: number }>;

/** The log4js context key that carries an event's `file:line` to the appenders (and across processes). */
export const LOCATION_KEY = '@location';

type StructuredFrame = Readonly<{
  getFileName(): string | null | undefined;
  getLineNumber(): number | null;
  getColumnNumber(): number | null;
}>;

// Call sites are places in the code, so few; the bound only guards against generated code.
const CACHE_LIMIT = 1000;
const cache = new Map<string, CallSite | null>();

/**
 * The call site `depth` frames below `skip`'s caller chain: with `skip` the function that is
 * running now, depth 0 is whoever called it, 1 that caller's caller, and so on.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- any function may be skipped, as with Error.captureStackTrace
export function callSiteBelow(skip: Function, depth: number): CallSite | undefined {
  const frame = capture(skip, depth)[depth];
  const url = frame?.getFileName();
  const line = frame?.getLineNumber();
  const column = frame?.getColumnNumber();
  if (!url || !line || !column) return undefined;
  const key = `${url}:${line}:${column}`;
  let site = cache.get(key);
  if (site === undefined) {
    site = original(url, line, column);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, site);
  }
  return site ?? undefined;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- see callSiteBelow
function capture(skip: Function, depth: number): readonly StructuredFrame[] {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- saved to be put back as it was, never called here
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  const holder: { stack?: unknown } = {};
  try {
    // A prepareStackTrace of our own receives V8's frames unformatted (and takes precedence over
    // Node's source-mapping one); the stack is prepared when first read, so read it in here.
    Error.prepareStackTrace = (_error, frames) => frames;
    Error.stackTraceLimit = depth + 1;
    Error.captureStackTrace(holder, skip);
    return Array.isArray(holder.stack) ? (holder.stack as StructuredFrame[]) : [];
  } finally {
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = limit;
  }
}

/** The position in the TypeScript source when the running JavaScript has a source map, else as it is. */
function original(url: string, line: number, column: number): CallSite | null {
  let file = url;
  let originalLine = line;
  const entry = findSourceMap(url)?.findEntry(line - 1, column - 1);
  // An unmapped position gives an empty object.
  if (entry && 'originalSource' in entry && typeof entry.originalSource === 'string') {
    file = entry.originalSource;
    originalLine = entry.originalLine + 1;
  }
  try {
    return { file: file.startsWith('file://') ? fileURLToPath(file) : file, line: originalLine };
  } catch {
    return null;
  }
}
