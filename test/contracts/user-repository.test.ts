import { inMemoryUserStore, postgresDatabase, sqliteDatabase, turkishPostgresDatabase, userStoreOf } from '../support/user-store.js';
import { userRepositoryContract } from './user-repository.contract.js';

userRepositoryContract('InMemoryUserRepository', inMemoryUserStore);
userRepositoryContract('MikroOrmUserRepository on SQLite', userStoreOf(sqliteDatabase));
if (postgresDatabase) userRepositoryContract('MikroOrmUserRepository on PostgreSQL', userStoreOf(postgresDatabase));
if (turkishPostgresDatabase) userRepositoryContract('MikroOrmUserRepository on PostgreSQL in a Turkish locale', userStoreOf(turkishPostgresDatabase));
