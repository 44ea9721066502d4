import { err, type Result } from 'neverthrow';
import type { AboutMeTooLong, UsernameInvalid, UsernameTaken, UserNotFound } from '../errors.js';
import { usernameTaken } from '../errors.js';
import type { UserRepository } from '../ports/user-repository.js';
import type { User, UserId } from '../user.js';
import { parseAboutMe, parseUsername } from '../user-rules.js';

export type EditProfileError = UserNotFound | UsernameInvalid | UsernameTaken | AboutMeTooLong;

export class EditProfile {
  constructor(private readonly users: UserRepository) {}

  async execute(input: Readonly<{ userId: UserId; username: string; aboutMe: string }>):
      Promise<Result<User, EditProfileError>> {
    const username = parseUsername(input.username);
    if (username.isErr()) return err(username.error);
    const aboutMe = parseAboutMe(input.aboutMe);
    if (aboutMe.isErr()) return err(aboutMe.error);

    const holder = await this.users.findByUsername(username.value);
    if (holder && holder.id !== input.userId) return err(usernameTaken(username.value));

    return this.users.updateProfile(input.userId, { username: username.value, aboutMe: aboutMe.value });
  }
}
