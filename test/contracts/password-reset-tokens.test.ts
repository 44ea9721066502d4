import { InMemoryPasswordResetTokens } from '../../adapters/persistence/in-memory/in-memory-password-reset-tokens.js';
import { postgresDatabase, sqliteDatabase, withTwoUsers, type MigratedDatabase } from '../support/user-store.js';
import { passwordResetTokensContract, type ResetTokenStore } from './password-reset-tokens.contract.js';

function storeOf(open: () => Promise<MigratedDatabase>): () => Promise<ResetTokenStore> {
  return async () => {
    const { database, close, userIds } = await withTwoUsers(open);
    return { tokens: database.passwordResets, userIds, inUnitOfWork: (work) => database.inUnitOfWork(work), close };
  };
}

passwordResetTokensContract('InMemoryPasswordResetTokens', async () =>
  ({ tokens: new InMemoryPasswordResetTokens(), userIds: [1, 2], inUnitOfWork: (work) => work(), close: async () => {} }));
passwordResetTokensContract('MikroOrmPasswordResetTokens on SQLite', storeOf(sqliteDatabase));
if (postgresDatabase) passwordResetTokensContract('MikroOrmPasswordResetTokens on PostgreSQL', storeOf(postgresDatabase));
