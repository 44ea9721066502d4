import { errAsync, ResultAsync } from 'neverthrow';

/** The line was full: how long it is expected to take to clear what is already in it. */
export type LineFull = Readonly<{ retryAfterMs: number }>;

export type GateLimits = Readonly<{
  /** Tasks running at once. */
  running: number;
  /** Tasks waiting for a place; one more is refused at once rather than left to wait ever longer. */
  waiting: number;
}>;

// Until a task has been timed, a guess at how long one takes (a password hash at OWASP's cost on
// a modest core); the first finished task replaces it.
const FIRST_GUESS_MS = 500;
// How much each finished task moves the estimate: enough to follow a machine getting busier within
// a few tasks, little enough that one odd task does not swing it.
const SMOOTHING = 0.2;

/**
 * Lets at most `limits.running` tasks run at once; up to `limits.waiting` more wait their turn, first
 * come first served, and the rest are refused with the time the line needs to clear.
 */
export class ConcurrencyGate {
  #running = 0;
  readonly #waiting: (() => void)[] = [];
  #taskMs = FIRST_GUESS_MS;

  constructor(private readonly limits: GateLimits) {
    if (!Number.isInteger(limits.running) || limits.running < 1) throw new Error(`a concurrency limit must be a positive whole number, not ${limits.running}`);
    if (!Number.isInteger(limits.waiting) || limits.waiting < 0) throw new Error(`a waiting line must hold a whole number of tasks, not ${limits.waiting}`);
  }

  run<T>(task: () => Promise<T>): ResultAsync<T, LineFull> {
    if (this.#running < this.limits.running) {
      this.#running += 1;
      return ResultAsync.fromSafePromise(this.#timed(task));
    }
    if (this.#waiting.length >= this.limits.waiting) return errAsync({ retryAfterMs: this.#timeToClear() });
    // A finishing task hands its place straight to the next in line, so #running stays as it is.
    const turn = new Promise<void>((resolve) => this.#waiting.push(resolve));
    return ResultAsync.fromSafePromise(turn.then(() => this.#timed(task)));
  }

  /** Tasks waiting for a place. */
  get waiting(): number {
    return this.#waiting.length;
  }

  async #timed<T>(task: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await task();
    } finally {
      this.#taskMs += SMOOTHING * (performance.now() - started - this.#taskMs);
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running -= 1;
    }
  }

  #timeToClear(): number {
    return Math.ceil((this.#running + this.#waiting.length) / this.limits.running) * this.#taskMs;
  }
}
