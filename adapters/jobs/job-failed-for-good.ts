/**
 * What the administrators are alerted with when a job has failed for good. Its log line carries
 * the kind as its route (`job:<kind>`), which the alert grouping reads: each kind is its own alert,
 * and a hundred jobs of one kind failing alike are one.
 */
export class JobFailedForGood extends Error {
  override readonly name = 'JobFailedForGood';

  constructor(kind: string, reason: string) {
    super(`${kind}: ${reason}`);
  }
}
