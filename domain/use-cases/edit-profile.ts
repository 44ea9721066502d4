import { err, ok, Result, ResultAsync } from 'neverthrow';
import {
  fieldsRejected, userNotFound, usernameTaken,
  type AboutMeTooLong, type FieldsRejected, type UsernameInvalid, type UsernameTaken, type UserNotFound,
} from '../errors.js';
import type { SessionRepository, SessionToken } from '../ports/session-repository.js';
import type { UserRepository } from '../ports/user-repository.js';
import type { ProfileChanges, User, UserId } from '../user.js';
import { parseAboutMe, parseUsername, usernameKey } from '../user-rules.js';

export type ProfileProblem = UsernameInvalid | UsernameTaken | AboutMeTooLong;
export type EditProfileError = UserNotFound | FieldsRejected<ProfileProblem>;

export type ProfileEdit = Readonly<{ userId: UserId; username: string; aboutMe: string }>;

export type ProfileEditInput = ProfileEdit & Readonly<{
  /** The session making the change, which stays logged in when the others are ended. */
  session: SessionToken;
}>;

export class EditProfile {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
  ) {}

  /** Every problem with the edit, a username someone else holds included, without saving anything. */
  async check(input: ProfileEdit): Promise<Result<ProfileChanges, FieldsRejected<ProfileProblem>>> {
    const username = await parseUsername(input.username).asyncAndThen((name) => this.unclaimed(name, input.userId));
    return Result.combineWithAllErrors([username, parseAboutMe(input.aboutMe)])
      .map(([username, aboutMe]) => ({ username, aboutMe }))
      .mapErr(fieldsRejected);
  }

  async execute(input: ProfileEditInput): Promise<Result<User, EditProfileError>> {
    const current = await this.users.findById(input.userId);
    if (!current) return err(userNotFound());
    return await new ResultAsync<ProfileChanges, EditProfileError>(this.check(input))
      .andThen((changes) => new ResultAsync(this.users.updateProfile(input.userId, changes)))
      .mapErr((error) => (error.type === 'UsernameTaken' ? fieldsRejected([error]) : error))
      .map(async (updated) => {
        // A new name is an identity change: sessions opened elsewhere under the old one are ended.
        if (usernameKey(current.username) !== usernameKey(updated.username)) await this.sessions.deleteAllOf(input.userId, input.session);
        return updated;
      });
  }

  private unclaimed(username: string, userId: UserId): ResultAsync<string, UsernameTaken> {
    return ResultAsync.fromSafePromise(this.users.findByUsername(username))
      .andThen((holder) => (holder && holder.id !== userId ? err(usernameTaken(username)) : ok(username)));
  }
}
