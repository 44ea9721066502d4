import { inMemoryUserStore, postgresDatabase, sqliteDatabase, userStoreOf } from '../support/user-store.js';
import { userRepositoryContract } from './user-repository.contract.js';

userRepositoryContract('InMemoryUserRepository', inMemoryUserStore);
userRepositoryContract('MikroOrmUserRepository on SQLite', userStoreOf(sqliteDatabase));
if (postgresDatabase) userRepositoryContract('MikroOrmUserRepository on PostgreSQL', userStoreOf(postgresDatabase));
