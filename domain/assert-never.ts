/** Makes a `switch` over a tagged union fail to compile when a variant is left unhandled. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled variant: ${JSON.stringify(value)}`);
}
