import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { err, ok, type Result } from 'neverthrow';
import { emailTaken, userNotFound, usernameTaken, type EmailTaken, type UsernameTaken, type UserNotFound } from '../../../domain/errors.js';
import type { UserRepository } from '../../../domain/ports/user-repository.js';
import type { NewUser, ProfileChanges, User, UserId } from '../../../domain/user.js';
import { usernameKey } from '../../../domain/user-rules.js';
import type { PreparedReads, ReadStatement } from './prepared-reads.js';
import { countOf, toNullableDate } from './sql-values.js';
import { UserSchema } from './user-schema.js';

export type UserRow = { id: number; username: string; email: string; password_hash: string; about_me: string; last_seen: Date | number | string | null };

const USER_COLUMNS = 'select id, username, email, password_hash, about_me, last_seen from users';
const FIND_BY_ID: ReadStatement = { name: 'user_by_id', sql: `${USER_COLUMNS} where id = ?` };
const FIND_BY_EMAIL: ReadStatement = { name: 'user_by_email', sql: `${USER_COLUMNS} where email = ?` };
const LIST = `${USER_COLUMNS} order by id limit ? offset ?`;

/**
 * Users in a SQL database. Writes go straight to the database (in the current transaction, if a use
 * case opened one), and the unique indexes decide every race: a violation on username or email is
 * a domain outcome, anything else is a real failure and is rethrown. Reads bypass the identity
 * map, so what a request reads is what the database holds.
 */
export class MikroOrmUserRepository implements UserRepository {
  private readonly findByUsernameStatement: ReadStatement;

  /** `foldedUsername` is the dialect's SQL for a username in ASCII lower case, as its unique index holds it. */
  constructor(
    private readonly em: SqlEntityManager,
    private readonly reads: PreparedReads,
    foldedUsername: string,
  ) {
    // The unique index's own expression, so the lookup is an index search.
    this.findByUsernameStatement = { name: 'user_by_username', sql: `${USER_COLUMNS} where ${foldedUsername} = ?` };
  }

  async add(user: NewUser): Promise<Result<User, UsernameTaken | EmailTaken>> {
    try {
      const id = await this.withSavepoint(() => this.em.insert(UserSchema, { ...user, aboutMe: '' }));
      return ok({ id, ...user, aboutMe: '' });
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      if (await this.heldByAnother(user.username)) return err(usernameTaken(user.username));
      if (await this.findByEmail(user.email)) return err(emailTaken(user.email));
      throw error;
    }
  }

  // Lookups are prepared statements: the profile page finds its user by name on every request.
  findById(id: UserId): Promise<User | null> {
    return this.findOne(FIND_BY_ID, id);
  }

  findByUsername(username: string): Promise<User | null> {
    return this.findOne(this.findByUsernameStatement, usernameKey(username));
  }

  findByEmail(email: string): Promise<User | null> {
    return this.findOne(FIND_BY_EMAIL, email);
  }

  async list(offset: number, limit: number): Promise<User[]> {
    const rows = await this.em.execute<UserRow[]>(LIST, [limit, offset]);
    return rows.map(userOf);
  }

  count(): Promise<number> {
    return countOf(this.em, 'select count(*) as count from users');
  }

  async updateProfile(id: UserId, changes: ProfileChanges): Promise<Result<User, UsernameTaken | UserNotFound>> {
    try {
      const updated = await this.withSavepoint(() => this.em.nativeUpdate(UserSchema, { id }, { username: changes.username, aboutMe: changes.aboutMe }));
      if (updated === 0) return err(userNotFound());
    } catch (error) {
      const clash = error instanceof UniqueConstraintViolationException && await this.heldByAnother(changes.username, id);
      if (clash) return err(usernameTaken(changes.username));
      throw error;
    }
    const user = await this.findById(id);
    return user ? ok(user) : err(userNotFound());
  }

  async recordLastSeen(id: UserId, at: Date): Promise<void> {
    await this.em.nativeUpdate(UserSchema, { id }, { lastSeen: at });
  }

  async updatePasswordHash(id: UserId, passwordHash: string): Promise<void> {
    await this.em.nativeUpdate(UserSchema, { id }, { passwordHash });
  }

  private async findOne(statement: ReadStatement, value: string | number): Promise<User | null> {
    const [row] = await this.reads.all<UserRow>(statement, [value]);
    return row ? userOf(row) : null;
  }

  // PostgreSQL refuses every statement of a transaction after its first error, so inside one a write
  // that may break a unique index gets a savepoint of its own: the violation rolls back to it, and
  // the queries that attribute the violation, and the rest of the transaction, can still run.
  private withSavepoint<T>(write: () => Promise<T>): Promise<T> {
    return this.em.getTransactionContext() ? this.em.transactional(write) : write();
  }

  // A unique violation is attributed by asking the database who holds the value now, rather than
  // by parsing driver messages, which differ between SQLite and PostgreSQL.
  private async heldByAnother(username: string, self?: UserId): Promise<boolean> {
    const holder = await this.findByUsername(username);
    return holder !== null && holder.id !== self;
  }
}

/** A user from a plain query's row, with the driver's forms of ids and times made uniform. */
export function userOf(row: UserRow): User {
  return {
    id: Number(row.id), username: row.username, email: row.email, passwordHash: row.password_hash, aboutMe: row.about_me, lastSeen: toNullableDate(row.last_seen),
  };
}
