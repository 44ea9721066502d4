// Read by results-must-be-used.test.ts: each line marked `dropped` drops a Result, every other one uses it.
import { err, ok, safeTry, type Result, type ResultAsync } from 'neverthrow';

declare function parse(text: string): Result<number, 'invalid'>;
declare function send(text: string): ResultAsync<void, 'refused'>;

export async function uses(text: string): Promise<Result<number, 'invalid' | 'refused'>> {
  await send(text); // dropped
  parse(text); // dropped
  parse(text).map((n) => n + 1); // dropped
  void parse(text);
  const parsed = parse(text);
  if (parsed.isErr()) return err(parsed.error);
  await send(text).match(() => undefined, () => undefined);
  return safeTry(async function* () {
    const n = yield* parse(text);
    yield* send(text);
    return ok(n);
  });
}
