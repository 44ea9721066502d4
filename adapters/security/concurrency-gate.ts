/**
 * Lets at most `limit` tasks run at once; the others wait their turn, first come first served.
 */
export class ConcurrencyGate {
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`a concurrency limit must be a positive whole number, not ${limit}`);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#running < this.limit) this.#running += 1;
    // A finishing task hands its place straight to the next in line, so #running stays as it is.
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running -= 1;
    }
  }

  /** Tasks waiting for a place. */
  get waiting(): number {
    return this.#waiting.length;
  }
}
