import { InMemoryAccessTokenRepository } from '../../adapters/persistence/in-memory/in-memory-access-token-repository.js';
import { aNewUser } from '../support/builders.js';
import { postgresDatabase, sqliteDatabase, type MigratedDatabase } from '../support/user-store.js';
import { accessTokenRepositoryContract, type AccessTokenStore } from './access-token-repository.contract.js';

function accessTokenStoreOf(open: () => Promise<MigratedDatabase>): () => Promise<AccessTokenStore> {
  return async () => {
    const { database, close } = await open();
    const userIds = await database.inUnitOfWork(async () => {
      const ids = [];
      for (let i = 0; i < 2; i++) ids.push((await database.users.add(aNewUser()))._unsafeUnwrap().id);
      return ids as [number, number];
    });
    return { tokens: database.accessTokens, userIds, inUnitOfWork: (work) => database.inUnitOfWork(work), close };
  };
}

accessTokenRepositoryContract('InMemoryAccessTokenRepository', async () =>
  ({ tokens: new InMemoryAccessTokenRepository(), userIds: [1, 2], inUnitOfWork: (work) => work(), close: async () => {} }));
accessTokenRepositoryContract('MikroOrmAccessTokenRepository on SQLite', accessTokenStoreOf(sqliteDatabase));
if (postgresDatabase) accessTokenRepositoryContract('MikroOrmAccessTokenRepository on PostgreSQL', accessTokenStoreOf(postgresDatabase));
