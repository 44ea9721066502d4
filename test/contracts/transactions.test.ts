import { InMemorySessionRepository } from '../../adapters/persistence/in-memory/in-memory-session-repository.js';
import { InMemoryTransactions } from '../../adapters/persistence/in-memory/in-memory-transactions.js';
import { InMemoryUserRepository } from '../../adapters/persistence/in-memory/in-memory-user-repository.js';
import { postgresDatabase, sqliteDatabase, type MigratedDatabase } from '../support/user-store.js';
import { transactionsContract, type TransactionStore } from './transactions.contract.js';

function databaseStoreOf(open: () => Promise<MigratedDatabase>): () => Promise<TransactionStore> {
  return async () => {
    const { database, close } = await open();
    const { transactions, users, sessions } = database;
    return { transactions, users, sessions, inUnitOfWork: (work) => database.inUnitOfWork(work), close };
  };
}

transactionsContract('InMemoryTransactions', async () => {
  const users = new InMemoryUserRepository();
  const sessions = new InMemorySessionRepository(users);
  return { transactions: new InMemoryTransactions([users, sessions]), users, sessions, inUnitOfWork: (work) => work(), close: async () => {} };
});
transactionsContract('MikroOrmTransactions on SQLite', databaseStoreOf(sqliteDatabase));
if (postgresDatabase) transactionsContract('MikroOrmTransactions on PostgreSQL', databaseStoreOf(postgresDatabase));
