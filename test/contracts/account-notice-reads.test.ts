import { InMemoryAccountNoticeReads } from '../../adapters/persistence/in-memory/in-memory-account-notice-reads.js';
import { InMemoryExportRepository } from '../../adapters/persistence/in-memory/in-memory-export-repository.js';
import { InMemoryMessageRepository } from '../../adapters/persistence/in-memory/in-memory-message-repository.js';
import { InMemoryUserRepository } from '../../adapters/persistence/in-memory/in-memory-user-repository.js';
import { aNewUser } from '../support/builders.js';
import { postgresDatabase, sqliteDatabase, withTwoUsers, type MigratedDatabase } from '../support/user-store.js';
import { accountNoticeReadsContract, type AccountNoticeStore } from './account-notice-reads.contract.js';

function storeOf(open: () => Promise<MigratedDatabase>): () => Promise<AccountNoticeStore> {
  return async () => {
    const { database, close, userIds } = await withTwoUsers(open);
    const { accountNotices: notices, exports, messages } = database;
    return { notices, exports, messages, userIds, inUnitOfWork: (work) => database.inUnitOfWork(work), close };
  };
}

accountNoticeReadsContract('in memory', async () => {
  const users = new InMemoryUserRepository();
  const susan = (await users.add(aNewUser()))._unsafeUnwrap();
  const john = (await users.add(aNewUser()))._unsafeUnwrap();
  const exports = new InMemoryExportRepository();
  const messages = new InMemoryMessageRepository(users);
  return {
    notices: new InMemoryAccountNoticeReads(exports, messages), exports, messages,
    userIds: [susan.id, john.id], inUnitOfWork: (work) => work(), close: async () => {},
  };
});
accountNoticeReadsContract('MikroORM on SQLite', storeOf(sqliteDatabase));
if (postgresDatabase) accountNoticeReadsContract('MikroORM on PostgreSQL', storeOf(postgresDatabase));
