import type { ExportInProgress } from '../errors.js';
import type { Export, ExportChanges, ExportId, NewExport } from '../exports/export.js';
import type { UserId } from '../user.js';
import type { ResultAsync } from 'neverthrow';

/**
 * Exports of users' posts. A user has at most one export queued or running at a time: the store
 * itself refuses a second (a unique index on PostgreSQL and SQLite), so two requests racing past
 * the use case's check still end with one export.
 */
export interface ExportRepository {
  /** Stores a new export, queued at 0 %; refused while the user has one queued or running. */
  add(exported: NewExport): ResultAsync<Export, ExportInProgress>;
  findById(id: ExportId): Promise<Export | null>;
  /** The user's most recent export, or null; read on every page the user sees, so one indexed lookup. */
  latestOf(userId: UserId): Promise<Export | null>;
  /** Changes an export; an export that no longer exists (its user deleted) is left alone. */
  update(id: ExportId, changes: ExportChanges): Promise<void>;
}
