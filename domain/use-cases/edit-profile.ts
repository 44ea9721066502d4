import { err, ok, okAsync, ResultAsync, safeTry } from 'neverthrow';
import {
  fieldsRejected, usernameTaken,
  type AboutMeTooLong, type FieldsRejected, type UsernameInvalid, type UsernameTaken, type UserNotFound,
} from '../errors.js';
import type { AccessTokenRepository, BearerToken } from '../ports/access-token-repository.js';
import type { Clock } from '../ports/clock.js';
import type { SessionRepository, SessionToken } from '../ports/session-repository.js';
import type { Transactions } from '../ports/transactions.js';
import type { UserRepository } from '../ports/user-repository.js';
import { findUser } from '../user-lookup.js';
import type { ProfileChanges, User, UserId } from '../user.js';
import { parseAboutMe, parseUsername, usernameKey } from '../user-rules.js';

export type ProfileProblem = UsernameInvalid | UsernameTaken | AboutMeTooLong;
export type EditProfileError = UserNotFound | FieldsRejected<ProfileProblem>;

export type ProfileEdit = Readonly<{ userId: UserId; username: string; aboutMe: string }>;

/** What the change was made with: it stays signed in when a new name ends the others. */
export type SignedInWith = Readonly<{ session: SessionToken }> | Readonly<{ accessToken: BearerToken }>;

export type ProfileEditInput = ProfileEdit & Readonly<{ signedInWith: SignedInWith }>;

export class EditProfile {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly accessTokens: AccessTokenRepository,
    private readonly clock: Clock,
    private readonly transactions: Transactions,
  ) {}

  /** Every problem with the edit, a username someone else holds included, without saving anything. */
  check(input: ProfileEdit): ResultAsync<ProfileChanges, FieldsRejected<ProfileProblem>> {
    return ResultAsync.combineWithAllErrors([
      parseUsername(input.username).asyncAndThen((name) => this.unclaimed(name, input.userId)),
      parseAboutMe(input.aboutMe).asyncAndThen((aboutMe) => okAsync(aboutMe)),
    ])
      .map(([username, aboutMe]) => ({ username, aboutMe }))
      .mapErr(fieldsRejected);
  }

  execute(input: ProfileEditInput): ResultAsync<User, EditProfileError> {
    return safeTry(() => this.edit(input));
  }

  private async *edit(input: ProfileEditInput) {
    const current = yield* findUser(this.users, { id: input.userId });
    const changes = yield* this.check(input);
    return this.transactions.run(() => safeTry(() => this.save(input, current.username, changes)));
  }

  /** The rename and the end of the other sessions and tokens are kept together or not at all. */
  private async *save(input: ProfileEditInput, formerName: string, changes: ProfileChanges) {
    const updated = yield* this.users.updateProfile(input.userId, changes)
      .mapErr((refused) => (refused.type === 'UsernameTaken' ? fieldsRejected([refused]) : refused));
    // A new name is an identity change: sessions and API tokens opened elsewhere under the old one end.
    if (usernameKey(formerName) !== usernameKey(changes.username)) {
      const keep = input.signedInWith;
      await this.sessions.deleteAllOf(input.userId, 'session' in keep ? keep.session : undefined);
      await this.accessTokens.revokeAllOf(input.userId, this.clock.now(), 'accessToken' in keep ? keep.accessToken : undefined);
    }
    return ok(updated);
  }

  private unclaimed(username: string, userId: UserId): ResultAsync<string, UsernameTaken> {
    return ResultAsync.fromSafePromise(this.users.findByUsername(username))
      .andThen((holder) => (holder && holder.id !== userId ? err(usernameTaken(username)) : ok(username)));
  }
}
