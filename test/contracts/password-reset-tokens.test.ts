import { InMemoryPasswordResetTokens } from '../../adapters/persistence/in-memory/in-memory-password-reset-tokens.js';
import { aNewUser } from '../support/builders.js';
import { postgresDatabase, sqliteDatabase, type MigratedDatabase } from '../support/user-store.js';
import { passwordResetTokensContract, type ResetTokenStore } from './password-reset-tokens.contract.js';

function storeOf(open: () => Promise<MigratedDatabase>): () => Promise<ResetTokenStore> {
  return async () => {
    const { database, close } = await open();
    const userIds = await database.inUnitOfWork(async () => {
      const ids = [];
      for (let i = 0; i < 2; i++) ids.push((await database.users.add(aNewUser()))._unsafeUnwrap().id);
      return ids as [number, number];
    });
    return { tokens: database.passwordResets, userIds, inUnitOfWork: (work) => database.inUnitOfWork(work), close };
  };
}

passwordResetTokensContract('InMemoryPasswordResetTokens', async () =>
  ({ tokens: new InMemoryPasswordResetTokens(), userIds: [1, 2], inUnitOfWork: (work) => work(), close: async () => {} }));
passwordResetTokensContract('MikroOrmPasswordResetTokens on SQLite', storeOf(sqliteDatabase));
if (postgresDatabase) passwordResetTokensContract('MikroOrmPasswordResetTokens on PostgreSQL', storeOf(postgresDatabase));
