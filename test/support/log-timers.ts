import type { Timers } from '../../adapters/logging/alerts/timers.js';

/** Timers that fire only when the test says time has passed: grouping windows close on command. */
export class ManualTimers implements Timers {
  #now = 0;
  #scheduled: { at: number; task: () => void }[] = [];

  after(ms: number, task: () => void): () => void {
    const entry = { at: this.#now + ms, task };
    this.#scheduled.push(entry);
    return () => {
      this.#scheduled = this.#scheduled.filter((scheduled) => scheduled !== entry);
    };
  }

  /** Moves time forward and runs, in order, every task that falls due. */
  advance(ms: number): void {
    const until = this.#now + ms;
    for (;;) {
      const next = this.#scheduled.filter((entry) => entry.at <= until).sort((a, b) => a.at - b.at)[0];
      if (next === undefined) break;
      this.#scheduled = this.#scheduled.filter((entry) => entry !== next);
      this.#now = next.at;
      next.task();
    }
    this.#now = until;
  }
}

/** Timers whose delays all pass at once: retries and backoff without the wait. */
export const instantTimers: Timers = {
  after(_ms, task) {
    const timer = setTimeout(task, 0);
    return () => clearTimeout(timer);
  },
};
