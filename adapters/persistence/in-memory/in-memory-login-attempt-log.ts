import { ATTEMPT_RETENTION_MS, type AttemptId, type AttemptRoom, type LoginAttemptLog } from '../../../domain/ports/login-attempt-log.js';
import { snapshotOf, type Restorable } from './in-memory-transactions.js';

type Attempt = Readonly<{ id: AttemptId; at: Date }>;

/** Failed logins of one process: enough for a single instance, not shared across several. */
export class InMemoryLoginAttemptLog implements LoginAttemptLog, Restorable {
  private readonly attempts = new Map<string, readonly Attempt[]>();
  private lastId = 0;

  // Counting and recording happen in one synchronous step, so no other call can come between them.
  async reserve(rooms: readonly AttemptRoom[], at: Date): Promise<AttemptId[] | null> {
    if (rooms.some(({ key, since, limit }) => this.since(key, since).length >= limit)) return null;
    return rooms.map(({ key }) => this.add(key, at));
  }

  async withdraw(attempts: readonly AttemptId[]): Promise<void> {
    for (const [key, kept] of this.attempts) {
      if (kept.some(({ id }) => attempts.includes(id))) this.attempts.set(key, kept.filter(({ id }) => !attempts.includes(id)));
    }
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
