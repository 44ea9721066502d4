import { ATTEMPT_RETENTION_MS, type AttemptId, type AttemptRoom, type LoginAttemptLog } from '../../../domain/ports/login-attempt-log.js';
import { snapshotOf, type Restorable } from './in-memory-transactions.js';

type Attempt = Readonly<{ id: AttemptId; at: Date }>;

/** Failed logins of one process: enough for a single instance, not shared across several. */
export class InMemoryLoginAttemptLog implements LoginAttemptLog, Restorable {
  private readonly attempts = new Map<string, readonly Attempt[]>();
  private lastId = 0;

  // Counting and recording happen in one synchronous step, so no other call can come between them.
  async reserve(key: string, at: Date, room: AttemptRoom): Promise<AttemptId | null> {
    if (this.since(key, room.since).length >= room.limit) return null;
    return this.add(key, at);
  }

  async withdraw(key: string, attempt: AttemptId): Promise<void> {
    this.attempts.set(key, (this.attempts.get(key) ?? []).filter(({ id }) => id !== attempt));
  }

  async recordFailure(keys: readonly string[], at: Date): Promise<void> {
    for (const key of keys) this.add(key, at);
  }

  async failuresSince(key: string, since: Date): Promise<Date[]> {
    return this.since(key, since).map(({ at }) => new Date(at)).sort((a, b) => a.getTime() - b.getTime());
  }

  async clear(key: string): Promise<void> {
    this.attempts.delete(key);
  }

  snapshot(): () => void {
    return snapshotOf(this.attempts);
  }

  private since(key: string, since: Date): Attempt[] {
    return (this.attempts.get(key) ?? []).filter(({ at }) => at > since);
  }

  private add(key: string, at: Date): AttemptId {
    const id = String(++this.lastId) as AttemptId;
    const kept = this.since(key, new Date(at.getTime() - ATTEMPT_RETENTION_MS));
    this.attempts.set(key, [...kept, { id, at: new Date(at) }]);
    return id;
  }
}
