/** The line number of the code that calls this: tests compare it with the `[in file:line]` of a log line. */
export function lineHere(): number {
  const caller = new Error().stack?.split('\n')[2] ?? '';
  const match = /:(\d+):\d+\)?$/.exec(caller);
  if (!match?.[1]) throw new Error(`no line number in stack frame "${caller}"`);
  return Number(match[1]);
}
