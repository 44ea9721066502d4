const PROBE_ORIGIN = 'http://microblog.invalid';

/**
 * Returns `next` when it is a path on this site, else null. Browsers read `\` as `/` and drop tabs
 * and newlines inside URLs, so `/\evil.example` or `/<TAB>/evil.example` would leave the site
 * even though they start with one slash; any such character, any scheme and any `//`, before or
 * after the path is normalised, is refused.
 */
export function safeNextPath(next: unknown): string | null {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2048) return null;
  if (!next.startsWith('/') || next.startsWith('//')) return null;
  if (/[\\\u0000-\u0020\u007f-\u009f\u2028\u2029]/.test(next)) return null;
  let url: URL;
  try {
    url = new URL(next, PROBE_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== PROBE_ORIGIN) return null;
  // Dot segments are resolved only now: `/.//evil.example` and `/a/..//evil.example` become
  // `//evil.example`, which a browser reads as another host.
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith('//') ? null : path;
}
