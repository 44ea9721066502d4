import { InMemoryMessageRepository } from '../../adapters/persistence/in-memory/in-memory-message-repository.js';
import { InMemoryNotificationRepository } from '../../adapters/persistence/in-memory/in-memory-notification-repository.js';
import { InMemoryUserRepository } from '../../adapters/persistence/in-memory/in-memory-user-repository.js';
import { aNewUser } from '../support/builders.js';
import { postgresDatabase, sqliteDatabase, withTwoUsers, type MigratedDatabase } from '../support/user-store.js';
import { messageRepositoryContract, type MessageStore } from './message-repository.contract.js';

function storeOf(open: () => Promise<MigratedDatabase>): () => Promise<MessageStore> {
  return async () => {
    const { database, close, userIds } = await withTwoUsers(open);
    const { messages, notifications, users } = database;
    return { messages, notifications, users, userIds, inUnitOfWork: (work) => database.inUnitOfWork(work), close };
  };
}

messageRepositoryContract('in memory', async () => {
  const users = new InMemoryUserRepository();
  const susan = (await users.add(aNewUser()))._unsafeUnwrap();
  const john = (await users.add(aNewUser()))._unsafeUnwrap();
  return {
    messages: new InMemoryMessageRepository(users),
    notifications: new InMemoryNotificationRepository(),
    users,
    userIds: [susan.id, john.id],
    inUnitOfWork: (work) => work(),
    close: async () => {},
  };
});
messageRepositoryContract('MikroORM on SQLite', storeOf(sqliteDatabase));
if (postgresDatabase) messageRepositoryContract('MikroORM on PostgreSQL', storeOf(postgresDatabase));
