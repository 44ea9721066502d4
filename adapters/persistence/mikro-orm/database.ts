import { MikroORM, RequestContext } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import type { FollowRepository } from '../../../domain/ports/follow-repository.js';
import type { LoginAttemptLog } from '../../../domain/ports/login-attempt-log.js';
import type { PostRepository } from '../../../domain/ports/post-repository.js';
import type { SessionRepository } from '../../../domain/ports/session-repository.js';
import type { UserRepository } from '../../../domain/ports/user-repository.js';
import { FollowSchema } from './follow-schema.js';
import { LoginFailureSchema } from './login-failure-schema.js';
import { dialectOptions, type DatabaseLocation } from './dialects.js';
import { MikroOrmFollowRepository } from './mikro-orm-follow-repository.js';
import { MikroOrmLoginAttemptLog } from './mikro-orm-login-attempt-log.js';
import { MikroOrmPostRepository } from './mikro-orm-post-repository.js';
import { MikroOrmSessionRepository } from './mikro-orm-session-repository.js';
import { MikroOrmUserRepository } from './mikro-orm-user-repository.js';
import { PostSchema } from './post-schema.js';
import { SessionSchema } from './session-schema.js';
import { UserSchema } from './user-schema.js';

export type { DatabaseLocation } from './dialects.js';

export class Database {
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly loginAttempts: LoginAttemptLog;
  readonly posts: PostRepository;
  readonly follows: FollowRepository;

  private constructor(private readonly orm: MikroORM) {
    this.users = new MikroOrmUserRepository(orm.em);
    this.sessions = new MikroOrmSessionRepository(orm.em);
    this.loginAttempts = new MikroOrmLoginAttemptLog(orm.em);
    this.posts = new MikroOrmPostRepository(orm.em);
    this.follows = new MikroOrmFollowRepository(orm.em);
  }

  /** `log` receives MikroORM's own messages (migrations applied, say); queries are never logged. */
  static async open(location: DatabaseLocation, log: (message: string) => void = () => {}): Promise<Database> {
    const orm = await MikroORM.init({
      ...dialectOptions(location),
      entities: [UserSchema, SessionSchema, LoginFailureSchema, PostSchema, FollowSchema],
      extensions: [Migrator],
      // Repositories resolve the request's own EntityManager; using the global one is a bug.
      allowGlobalContext: false,
      debug: false,
      colors: false,
      logger: log,
    });
    return new Database(orm);
  }

  /** Applies pending migrations; returns the names of those it ran. */
  async migrate(): Promise<string[]> {
    const applied = await this.orm.getMigrator().up();
    return applied.map((migration) => migration.name);
  }

  /**
   * Runs `work` with a fresh EntityManager of its own, the unit of work of one request. Nothing is
   * ever flushed from it, so a request that fails leaves nothing pending for the next one.
   */
  inUnitOfWork<T>(work: () => Promise<T>): Promise<T> {
    return RequestContext.create(this.orm.em, work);
  }

  async isReachable(): Promise<boolean> {
    return this.orm.isConnected();
  }

  close(): Promise<void> {
    return this.orm.close(true);
  }
}
