import { InMemoryFollowRepository } from '../../adapters/persistence/in-memory/in-memory-follow-repository.js';
import { InMemoryPostRepository } from '../../adapters/persistence/in-memory/in-memory-post-repository.js';
import { InMemoryUserRepository } from '../../adapters/persistence/in-memory/in-memory-user-repository.js';
import { postgresDatabase, sqliteDatabase, type MigratedDatabase } from '../support/user-store.js';
import { postRepositoryContract, type PostStore } from './post-repository.contract.js';

function postStoreOf(open: () => Promise<MigratedDatabase>): () => Promise<PostStore> {
  return async () => {
    const { database, close } = await open();
    return { users: database.users, posts: database.posts, follows: database.follows, inUnitOfWork: (work) => database.inUnitOfWork(work), close };
  };
}

postRepositoryContract('in memory', async () => {
  const users = new InMemoryUserRepository();
  const follows = new InMemoryFollowRepository(users);
  return { users, follows, posts: new InMemoryPostRepository(users, follows), inUnitOfWork: (work) => work(), close: async () => {} };
});
postRepositoryContract('MikroORM on SQLite', postStoreOf(sqliteDatabase));
if (postgresDatabase) postRepositoryContract('MikroORM on PostgreSQL', postStoreOf(postgresDatabase));
