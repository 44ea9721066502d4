import { E_TIMEOUT, Semaphore, withTimeout, type SemaphoreInterface } from 'async-mutex';

/**
 * How a statement waits for SQLite's one write lock. SQLite's own busy handler waits by sleeping
 * on the thread that runs the statement, a thread of libuv's pool (four by default, shared with
 * password hashing): enough waiters asleep there leave the lock's holder without a thread for its
 * next statement, so nobody moves until the waits time out. So SQLite itself waits only briefly,
 * and a statement still refused is tried again after a timer, which holds no thread.
 */

/** How long a statement waits for the lock in all before it fails as busy. */
export const LOCK_WAIT_MS = 5_000;

/** SQLite's own wait on each try (`PRAGMA busy_timeout`): a short write ahead is waited out in place. */
export const SQLITE_BUSY_TIMEOUT_MS = 20;

// The longest pause between two tries: waiters come back often enough to keep their turn.
const MAX_PAUSE_MS = 50;

/** Whether SQLite refused a statement because another connection holds the lock it needs. */
export function isSqliteBusy(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'SQLITE_BUSY';
}

/**
 * Runs `attempt` until it is not refused as busy, or until `waitMs` have passed. A refused
 * statement took no effect, so trying it again is safe, whether it runs alone or inside a
 * transaction that already holds the lock. The pauses grow and are drawn at random, so waiters
 * that were refused together do not come back together.
 */
export async function retryWhileBusy<T>(attempt: () => Promise<T>, waitMs = LOCK_WAIT_MS): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (let tries = 1; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      const left = deadline - Date.now();
      if (!isSqliteBusy(error) || left <= 0) throw error;
      const pause = Math.min(left, Math.random() * Math.min(MAX_PAUSE_MS, 2 ** tries));
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

// The holder of the lock and the next transaction, whose BEGIN waits at the lock to take it the
// moment it is free: handing the lock on through this queue instead cost a round trip, and a burst
// of posts published 18 % fewer.
const TRANSACTIONS_AT_THE_LOCK = 2;

/**
 * How the transactions of one process wait for the write lock. A transaction holds it from BEGIN
 * IMMEDIATE to its COMMIT, across several round trips. Left to meet at the lock, each waiting
 * transaction held a pooled connection, so a burst of them took all four, and nothing else of the
 * process reached the database until the holder was done. Here at most two are at the lock; the
 * others wait in the order they came, holding nothing. Other processes' transactions still meet
 * these at SQLite's lock, and wait for it as any statement does. A turn not come within `waitMs`
 * fails as busy, as a lock not taken in time does.
 */
export class TransactionTurns {
  private readonly turn: SemaphoreInterface;

  constructor(waitMs = LOCK_WAIT_MS) {
    this.turn = withTimeout(new Semaphore(TRANSACTIONS_AT_THE_LOCK), waitMs);
  }

  async take<T>(transaction: () => Promise<T>): Promise<T> {
    const [, release] = await this.turn.acquire().catch((error: unknown) => {
      // A refusal of its own for each transaction: an error tracker reports one error object once.
      throw error === E_TIMEOUT ? Object.assign(new Error('SQLITE_BUSY: the transactions ahead in this process held the database too long'), { code: 'SQLITE_BUSY' }) : error;
    });
    try {
      return await transaction();
    } finally {
      release();
    }
  }
}
