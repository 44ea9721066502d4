import { err, ok, type Result } from 'neverthrow';
import type { AboutMeTooLong, UsernameInvalid, UsernameTaken, UserNotFound } from '../errors.js';
import { userNotFound, usernameTaken } from '../errors.js';
import type { SessionRepository, SessionToken } from '../ports/session-repository.js';
import type { UserRepository } from '../ports/user-repository.js';
import type { User, UserId } from '../user.js';
import { parseAboutMe, parseUsername, usernameKey } from '../user-rules.js';

export type EditProfileError = UserNotFound | UsernameInvalid | UsernameTaken | AboutMeTooLong;

export type ProfileEditInput = Readonly<{
  userId: UserId;
  username: string;
  aboutMe: string;
  /** The session making the change, which stays logged in when the others are ended. */
  session: SessionToken;
}>;

export class EditProfile {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
  ) {}

  async execute(input: ProfileEditInput): Promise<Result<User, EditProfileError>> {
    const username = parseUsername(input.username);
    if (username.isErr()) return err(username.error);
    const aboutMe = parseAboutMe(input.aboutMe);
    if (aboutMe.isErr()) return err(aboutMe.error);

    const current = await this.users.findById(input.userId);
    if (!current) return err(userNotFound());
    const holder = await this.users.findByUsername(username.value);
    if (holder && holder.id !== input.userId) return err(usernameTaken(username.value));

    const updated = await this.users.updateProfile(input.userId, { username: username.value, aboutMe: aboutMe.value });
    if (updated.isErr()) return err(updated.error);
    // A new name is an identity change: sessions opened elsewhere under the old one are ended.
    if (usernameKey(current.username) !== usernameKey(username.value)) await this.sessions.deleteAllOf(input.userId, input.session);
    return ok(updated.value);
  }
}
