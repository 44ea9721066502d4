import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { err, ok, okAsync, ResultAsync } from 'neverthrow';
import { emailTaken, userNotFound, usernameTaken, type EmailTaken, type UsernameTaken, type UserNotFound } from '../../../domain/errors.js';
import type { UserRepository } from '../../../domain/ports/user-repository.js';
import type { Language } from '../../../domain/ports/translator.js';
import type { NewUser, ProfileChanges, User, UserId } from '../../../domain/user.js';
import { usernameKey } from '../../../domain/user-rules.js';
import type { PreparedReads, ReadStatement } from './prepared-reads.js';
import { countOf, toNullableDate } from './sql-values.js';
import { UserSchema } from './user-schema.js';

export type UserRow = { id: number; username: string; email: string; password_hash: string; about_me: string; last_seen: Date | number | string | null; language: string | null };

const USER_COLUMNS = 'select id, username, email, password_hash, about_me, last_seen, language from users';
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

  add(user: NewUser): ResultAsync<User, UsernameTaken | EmailTaken> {
    return ResultAsync.fromPromise(this.withSavepoint(() => this.em.insert(UserSchema, { ...user, aboutMe: '', language: null })), (error) => error)
      .orElse((error) => ResultAsync.fromSafePromise(this.takenOf(error, user)).andThen((taken) => err(taken)))
      .map((id) => ({ id, ...user, aboutMe: '', language: null }));
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

  updateProfile(id: UserId, changes: ProfileChanges): ResultAsync<User, UsernameTaken | UserNotFound> {
    const update = this.withSavepoint(() => this.em.nativeUpdate(UserSchema, { id }, { username: changes.username, aboutMe: changes.aboutMe }));
    return ResultAsync.fromPromise(update, (error) => error)
      .orElse((error) => ResultAsync.fromSafePromise(this.renameClashOf(error, changes.username, id)).andThen((taken) => err(taken)))
      .andThen((updated) => (updated === 0 ? okAsync(null) : ResultAsync.fromSafePromise(this.findById(id))))
      .andThen((user) => (user ? ok(user) : err(userNotFound())));
  }

  async recordLastSeen(id: UserId, at: Date): Promise<void> {
    await this.em.nativeUpdate(UserSchema, { id }, { lastSeen: at });
  }

  async updatePasswordHash(id: UserId, passwordHash: string): Promise<void> {
    await this.em.nativeUpdate(UserSchema, { id }, { passwordHash });
  }

  async updateLanguage(id: UserId, language: Language): Promise<void> {
    await this.em.nativeUpdate(UserSchema, { id }, { language });
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

  /** What a failed insert says about the user's name or email; anything else goes on as the exception it is. */
  private async takenOf(error: unknown, user: NewUser): Promise<UsernameTaken | EmailTaken> {
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    if (await this.heldByAnother(user.username)) return usernameTaken(user.username);
    if (await this.findByEmail(user.email)) return emailTaken(user.email);
    throw error;
  }

  /** What a failed rename says about the new name; anything else goes on as the exception it is. */
  private async renameClashOf(error: unknown, username: string, self: UserId): Promise<UsernameTaken> {
    if (error instanceof UniqueConstraintViolationException && await this.heldByAnother(username, self)) return usernameTaken(username);
    throw error;
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
    id: Number(row.id), username: row.username, email: row.email, passwordHash: row.password_hash, aboutMe: row.about_me, lastSeen: toNullableDate(row.last_seen), language: row.language,
  };
}
