// Every string of an event bound for the error tracker passes through the same scrubber as the log
// file and the alert emails, wherever the SDK or an integration put it: exception values (driver
// errors embed SQL with its values), source lines, the request, breadcrumbs, contexts.
import type { Scrubber } from '../scrub.js';

// Deeper than any event the SDK builds (its own normalisation stops at 3 levels for extras);
// anything below is dropped rather than sent unread.
const MAX_DEPTH = 12;

export function scrubDeep<T>(value: T, scrub: Scrubber): T {
  return walk(value, scrub, 0) as T;
}

function walk(value: unknown, scrub: Scrubber, depth: number): unknown {
  if (typeof value === 'string') return scrub(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return undefined;
  if (Array.isArray(value)) return value.map((item) => walk(item, scrub, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item, scrub, depth + 1)]));
}
