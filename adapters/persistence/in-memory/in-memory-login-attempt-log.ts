import type { LoginAttemptLog } from '../../../domain/ports/login-attempt-log.js';
import { snapshotOf, type Restorable } from './in-memory-transactions.js';

/** Failed logins of one process: enough for a single instance, not shared across several. */
export class InMemoryLoginAttemptLog implements LoginAttemptLog, Restorable {
  private readonly failures = new Map<string, Date[]>();

  async recordFailure(keys: readonly string[], at: Date): Promise<void> {
    for (const key of keys) this.failures.set(key, [...(this.failures.get(key) ?? []), new Date(at)]);
  }

  async failuresSince(key: string, since: Date): Promise<Date[]> {
    return (this.failures.get(key) ?? []).filter((at) => at > since).sort((a, b) => a.getTime() - b.getTime());
  }

  async clear(key: string): Promise<void> {
    this.failures.delete(key);
  }

  snapshot(): () => void {
    return snapshotOf(this.failures);
  }
}
