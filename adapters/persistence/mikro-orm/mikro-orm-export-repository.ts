import type { SqlEntityManager } from '@mikro-orm/knex';
import { err, ok, ResultAsync } from 'neverthrow';
import { exportInProgress, type ExportInProgress } from '../../../domain/errors.js';
import type { Export, ExportChanges, ExportId, ExportState, NewExport } from '../../../domain/exports/export.js';
import type { ExportRepository } from '../../../domain/ports/export-repository.js';
import type { UserId } from '../../../domain/user.js';
import type { PreparedReads, ReadStatement } from './prepared-reads.js';
import { toDate } from './sql-values.js';

export type ExportRow = {
  id: number;
  user_id: number;
  state: ExportState;
  progress: number;
  error: string | null;
  created_at: Date | number | string;
  updated_at: Date | number | string;
};

const EXPORT_COLUMNS = 'select id, user_id, state, progress, error, created_at, updated_at from exports';
// On the path of every logged-in page (the layout shows a running export's progress, read with the
// account's other notices): one seek on the (user_id, id) index, prepared once per connection.
export const LATEST_OF: ReadStatement = { name: 'latest_export', sql: `${EXPORT_COLUMNS} where user_id = ? order by id desc limit 1` };
// No conflict target: the only unique index besides the key is the one on a user's export in
// progress, and a second one is refused by it without an exception (which, on PostgreSQL, would
// spoil the rest of the transaction).
const INSERT = `insert into exports (user_id, state, progress, error, created_at, updated_at) values (?, 'queued', 0, null, ?, ?)
  on conflict do nothing returning id`;

/** Exports in SQL, written with plain statements in the current transaction, if any. */
export class MikroOrmExportRepository implements ExportRepository {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly reads: PreparedReads,
  ) {}

  add(exported: NewExport): ResultAsync<Export, ExportInProgress> {
    return ResultAsync.fromSafePromise(this.em.execute<{ id: number }[]>(INSERT, [exported.userId, exported.createdAt, exported.createdAt]))
      .andThen(([row]) => (row
        ? ok<Export>({ id: Number(row.id), userId: exported.userId, state: 'queued', progress: 0, error: null, createdAt: exported.createdAt, updatedAt: exported.createdAt })
        : err(exportInProgress())));
  }

  async findById(id: ExportId): Promise<Export | null> {
    const [row] = await this.em.execute<ExportRow[]>(`${EXPORT_COLUMNS} where id = ?`, [id]);
    return row ? exportOf(row) : null;
  }

  async latestOf(userId: UserId): Promise<Export | null> {
    const [row] = await this.reads.all<ExportRow>(LATEST_OF, [userId]);
    return row ? exportOf(row) : null;
  }

  async update(id: ExportId, changes: ExportChanges): Promise<void> {
    const { updatedAt, ...fields } = changes;
    const set = Object.entries(fields).filter(([, value]) => value !== undefined);
    await this.em.execute(
      `update exports set ${[...set.map(([column]) => `${column} = ?`), 'updated_at = ?'].join(', ')} where id = ?`,
      [...set.map(([, value]) => value), updatedAt, id],
      'run',
    );
  }
}

export function exportOf(row: ExportRow): Export {
  return {
    id: Number(row.id),
    userId: Number(row.user_id),
    state: row.state,
    progress: Number(row.progress),
    error: row.error,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}
