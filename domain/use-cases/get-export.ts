import { err, ok, ResultAsync } from 'neverthrow';
import { exportNotFound, type ExportNotFound } from '../errors.js';
import type { Export, ExportId } from '../exports/export.js';
import type { ExportRepository } from '../ports/export-repository.js';
import type { UserId } from '../user.js';

/** What became of an export, for its owner only. */
export class GetExport {
  constructor(private readonly exports: ExportRepository) {}

  /** Another user's export is not found, exactly as one that does not exist. */
  execute(input: Readonly<{ exportId: ExportId; userId: UserId }>): ResultAsync<Export, ExportNotFound> {
    return ResultAsync.fromSafePromise(this.exports.findById(input.exportId))
      .andThen((found) => (found && found.userId === input.userId ? ok(found) : err(exportNotFound())));
  }
}
