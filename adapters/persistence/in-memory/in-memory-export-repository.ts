import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { exportInProgress, type ExportInProgress } from '../../../domain/errors.js';
import { isInProgress, type Export, type ExportChanges, type ExportId, type NewExport } from '../../../domain/exports/export.js';
import type { ExportRepository } from '../../../domain/ports/export-repository.js';
import type { UserId } from '../../../domain/user.js';
import { snapshotOf, type Restorable } from './in-memory-transactions.js';

/** Exports of one process, for domain tests; refuses a second export in progress as the SQL index does. */
export class InMemoryExportRepository implements ExportRepository, Restorable {
  private readonly exports = new Map<ExportId, Export>();
  private nextId = 1;

  add(exported: NewExport): ResultAsync<Export, ExportInProgress> {
    // Checked and stored with no await between, so requests at once cannot both find room.
    const latest = this.latest(exported.userId);
    if (latest && isInProgress(latest)) return errAsync(exportInProgress());
    const stored: Export = { id: this.nextId++, userId: exported.userId, state: 'queued', progress: 0, error: null, createdAt: exported.createdAt, updatedAt: exported.createdAt };
    this.exports.set(stored.id, stored);
    return okAsync(stored);
  }

  async findById(id: ExportId): Promise<Export | null> {
    return this.exports.get(id) ?? null;
  }

  async latestOf(userId: UserId): Promise<Export | null> {
    return this.latest(userId);
  }

  async update(id: ExportId, changes: ExportChanges): Promise<void> {
    const exported = this.exports.get(id);
    const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    if (exported) this.exports.set(id, { ...exported, ...defined });
  }

  snapshot(): () => void {
    return snapshotOf(this.exports);
  }

  private latest(userId: UserId): Export | null {
    return [...this.exports.values()].filter((exported) => exported.userId === userId).at(-1) ?? null;
  }
}
