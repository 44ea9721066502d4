import { err, ok, ResultAsync } from 'neverthrow';
import { userNotFound, type UserNotFound } from './errors.js';
import type { UserRepository } from './ports/user-repository.js';
import type { User, UserId } from './user.js';

/** How a request names a user: pages by username (in any case), the API by id. */
export type UserLookup = Readonly<{ id: UserId }> | Readonly<{ username: string }>;

export function findUser(users: UserRepository, lookup: UserLookup): ResultAsync<User, UserNotFound> {
  return ResultAsync.fromSafePromise('id' in lookup ? users.findById(lookup.id) : users.findByUsername(lookup.username))
    .andThen((user) => (user ? ok(user) : err(userNotFound())));
}
