/** A `Retry-After` header in whole seconds, never 0: a zero would invite the retry at once. */
export function retryAfter(ms: number): Record<'Retry-After', string> {
  return { 'Retry-After': String(Math.max(1, Math.ceil(ms / 1000))) };
}
