import type { Logger } from '../../domain/ports/logger.js';

/**
 * Work a request starts but does not wait for, such as sending an email whose outcome the visitor
 * must not be able to time. Each task keeps the request's context (its log lines carry the request
 * id, its queries the request's unit of work); a failure is logged as the error it is; and shutdown
 * waits for the tasks still running before the database goes away.
 */
export class BackgroundTasks {
  readonly #running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  get running(): number {
    return this.#running.size;
  }

  run(description: string, work: () => Promise<void>): void {
    const task: Promise<void> = work()
      .catch((error: unknown) => this.logger.error(`${description} failed`, error))
      .finally(() => this.#running.delete(task));
    this.#running.add(task);
  }

  /** Resolves when every task has ended, or after `timeoutMs`; returns how many are still running. */
  async drain(timeoutMs: number): Promise<number> {
    if (this.#running.size === 0) return 0;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.#running]),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timer);
    return this.#running.size;
  }
}
