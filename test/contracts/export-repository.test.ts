import { InMemoryExportRepository } from '../../adapters/persistence/in-memory/in-memory-export-repository.js';
import { postgresDatabase, sqliteDatabase, withTwoUsers, type MigratedDatabase } from '../support/user-store.js';
import { exportRepositoryContract, type ExportStore } from './export-repository.contract.js';

function storeOf(open: () => Promise<MigratedDatabase>): () => Promise<ExportStore> {
  return async () => {
    const { database, close, userIds } = await withTwoUsers(open);
    return { exports: database.exports, userIds, inUnitOfWork: (work) => database.inUnitOfWork(work), close };
  };
}

exportRepositoryContract('InMemoryExportRepository', async () =>
  ({ exports: new InMemoryExportRepository(), userIds: [1, 2], inUnitOfWork: (work) => work(), close: async () => {} }));
exportRepositoryContract('MikroOrmExportRepository on SQLite', storeOf(sqliteDatabase));
if (postgresDatabase) exportRepositoryContract('MikroOrmExportRepository on PostgreSQL', storeOf(postgresDatabase));
