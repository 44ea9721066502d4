/**
 * A memory for work a page repeats with the same few inputs (an email's digest, a browser's
 * Accept-Language): `compute` runs for a key the first time it is asked for, and its value is
 * answered after that. The inputs come from visitors, so at most `limit` keys are kept: past that,
 * the memory starts over rather than grow with whatever is sent.
 */
export function remembered<K, V>(limit: number): (key: K, compute: (key: K) => V) => V {
  const known = new Map<K, V>();
  return (key, compute) => {
    const value = known.get(key);
    if (value !== undefined || known.has(key)) return value as V;
    if (known.size >= limit) known.clear();
    const computed = compute(key);
    known.set(key, computed);
    return computed;
  };
}
