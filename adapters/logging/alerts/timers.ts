// Timers behind a port, so tests can close a grouping window or skip a retry delay without waiting.

export interface Timers {
  /** Runs `task` after `ms` milliseconds; the returned function cancels it. */
  after(ms: number, task: () => void): () => void;
}

/** Real timers that never keep the process alive on their own: alerts must not delay an exit. */
export const backgroundTimers: Timers = {
  after(ms, task) {
    const timer = setTimeout(task, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};
