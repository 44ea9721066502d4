import { InMemoryFollowRepository } from '../../adapters/persistence/in-memory/in-memory-follow-repository.js';
import { InMemoryPostRepository } from '../../adapters/persistence/in-memory/in-memory-post-repository.js';
import { InMemoryPostSearch } from '../../adapters/persistence/in-memory/in-memory-post-search.js';
import { InMemoryUserRepository } from '../../adapters/persistence/in-memory/in-memory-user-repository.js';
import { postgresDatabase, sqliteDatabase, type MigratedDatabase } from '../support/user-store.js';
import { postSearchContract, type SearchStore } from './post-search.contract.js';

function searchStoreOf(open: () => Promise<MigratedDatabase>): () => Promise<SearchStore> {
  return async () => {
    const { database, close } = await open();
    return { users: database.users, posts: database.posts, search: database.postSearch, inUnitOfWork: (work) => database.inUnitOfWork(work), close };
  };
}

postSearchContract('in memory', async () => {
  const users = new InMemoryUserRepository();
  const posts = new InMemoryPostRepository(users, new InMemoryFollowRepository(users));
  return { users, posts, search: new InMemoryPostSearch(posts), inUnitOfWork: (work) => work(), close: async () => {} };
});
postSearchContract('MikroORM on SQLite (FTS5)', searchStoreOf(sqliteDatabase));
if (postgresDatabase) postSearchContract('MikroORM on PostgreSQL (tsvector)', searchStoreOf(postgresDatabase));
