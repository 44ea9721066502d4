// Groups alerts by fingerprint so a storm of one error yields one email and one digest per window
// (rather than one email per failure): the first of a group goes out at once, repeats are counted, and when the window closes
// with repeats a digest is sent and a new window opens; a window that closes quietly ends the group.
import type { Alert } from './alert.js';
import type { Timers } from './timers.js';

export type Digest = Readonly<{
  first: Alert;
  repeats: number;
  /** Time of the first repeat counted in this digest. */
  since: Date;
  lastAt: Date;
  /** The newest repeats' reference ids, to match the digest with what users reported. */
  recentReferenceIds: readonly string[];
}>;

export type AlertGroupsOptions = Readonly<{
  windowMs: number;
  /** Beyond this many open groups, new fingerprints share one group per error type: memory stays bounded. */
  maxGroups: number;
  timers: Timers;
  onFirst: (alert: Alert) => void;
  onDigest: (digest: Digest) => void;
}>;

// The repeats counted since the group's last email; none yet means the window may close quietly.
type Repeats = { count: number; since: Date; lastAt: Date; recentReferenceIds: readonly string[] };

type Group = { readonly first: Alert; repeats: Repeats | undefined; cancelTimer: () => void };

const RECENT_REFERENCE_IDS = 5;

export class AlertGroups {
  readonly #groups = new Map<string, Group>();

  constructor(private readonly options: AlertGroupsOptions) {}

  record(alert: Alert): void {
    const key = this.keyFor(alert);
    const group = this.#groups.get(key);
    if (group === undefined) {
      this.#groups.set(key, { first: alert, repeats: undefined, cancelTimer: this.startWindow(key) });
      this.options.onFirst(alert);
      return;
    }
    const { count = 0, since = alert.time, recentReferenceIds = [] } = group.repeats ?? {};
    group.repeats = {
      count: count + 1,
      since,
      lastAt: alert.time,
      recentReferenceIds: alert.referenceId === undefined ? recentReferenceIds : [...recentReferenceIds, alert.referenceId].slice(-RECENT_REFERENCE_IDS),
    };
  }

  /** Sends the digests of every open group now (at shutdown) and forgets the groups. */
  closeAll(): void {
    for (const [key, group] of this.#groups) {
      group.cancelTimer();
      this.#groups.delete(key);
      this.sendDigest(group);
    }
  }

  private keyFor(alert: Alert): string {
    if (this.#groups.has(alert.fingerprint) || this.#groups.size < this.options.maxGroups) return alert.fingerprint;
    return `overflow:${alert.title}`;
  }

  private startWindow(key: string): () => void {
    return this.options.timers.after(this.options.windowMs, () => this.closeWindow(key));
  }

  private closeWindow(key: string): void {
    const group = this.#groups.get(key);
    if (group === undefined) return;
    if (group.repeats === undefined) {
      this.#groups.delete(key);
      return;
    }
    this.sendDigest(group);
    group.repeats = undefined;
    group.cancelTimer = this.startWindow(key);
  }

  private sendDigest({ first, repeats }: Group): void {
    if (repeats === undefined) return;
    this.options.onDigest({ first, repeats: repeats.count, since: repeats.since, lastAt: repeats.lastAt, recentReferenceIds: repeats.recentReferenceIds });
  }
}
