import type { Profile } from '../../../domain/use-cases/get-profile.js';
import type { User } from '../../../domain/user.js';
import { gravatarUrl } from './gravatar.js';

export const PROFILE_AVATAR_SIZE = 128;

export type ProfileView = Readonly<{
  username: string;
  aboutMe: string;
  avatarUrl: string;
  lastSeen: Readonly<{ iso: string; text: string }> | null;
  isOwnProfile: boolean;
  followers: number;
  following: number;
  followedByViewer: boolean;
}>;

const lastSeenFormat = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC',
});

export function presentProfile({ user, counts, followedByViewer }: Profile, viewer: User | null): ProfileView {
  return {
    username: user.username,
    aboutMe: user.aboutMe,
    avatarUrl: gravatarUrl(user.email, PROFILE_AVATAR_SIZE),
    lastSeen: user.lastSeen ? { iso: user.lastSeen.toISOString(), text: `${lastSeenFormat.format(user.lastSeen)} UTC` } : null,
    isOwnProfile: viewer?.id === user.id,
    followers: counts.followers,
    following: counts.following,
    followedByViewer,
  };
}
