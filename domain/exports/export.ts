import type { UserId } from '../user.js';

// "Export your posts": a user's request for an archive of everything they posted, emailed to them
// by a job. The export is what the owner sees of that job: whether it is waiting, how far it got,
// and, when it failed for good, why in words meant for them.

export type ExportId = number;

export type ExportState = 'queued' | 'running' | 'done' | 'failed';

export type Export = Readonly<{
  id: ExportId;
  userId: UserId;
  state: ExportState;
  /** 0 to 100; 100 only once the email is accepted. */
  progress: number;
  /**
   * Why the latest attempt failed, for the owner to read: a short sentence of the domain's own,
   * never a transport's reply, a stack or anything the operators' log holds.
   */
  error: string | null;
  createdAt: Date;
  updatedAt: Date;
}>;

export type NewExport = Readonly<{ userId: UserId; createdAt: Date }>;

/** What a step of the export changes; the time of the change is always recorded. */
export type ExportChanges = Readonly<Partial<Pick<Export, 'state' | 'progress' | 'error'>> & { updatedAt: Date }>;

/** Queued or running: the owner waits for it, and cannot start another meanwhile. */
export function isInProgress(exported: Pick<Export, 'state'>): boolean {
  return exported.state === 'queued' || exported.state === 'running';
}
