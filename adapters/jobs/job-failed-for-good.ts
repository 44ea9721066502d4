/** What the administrators are alerted with when a job has failed for good; its kind is in the title, so each kind is its own alert. */
export class JobFailedForGood extends Error {
  override readonly name: string;

  constructor(kind: string, reason: string) {
    super(reason);
    this.name = `JobFailedForGood[${kind}]`;
  }
}
