import type { Clock } from '../../domain/ports/clock.js';

/** A clock the test moves by hand. */
export class FixedClock implements Clock {
  constructor(private current = new Date('2026-01-15T10:00:00Z')) {}

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
