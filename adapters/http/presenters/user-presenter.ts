import type { Profile } from '../../../domain/use-cases/get-profile.js';
import type { Language } from '../../../domain/ports/translator.js';
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

// One format per language, made on first use. English is written the British way (7 Dec 2026, 14:05),
// as it was before the site spoke more than one language.
const lastSeenFormats = new Map<Language, Intl.DateTimeFormat>();

function lastSeenFormat(language: Language): Intl.DateTimeFormat {
  let format = lastSeenFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : language, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
    lastSeenFormats.set(language, format);
  }
  return format;
}

export function presentProfile({ user, counts, followedByViewer }: Profile, viewer: User | null, language: Language): ProfileView {
  return {
    username: user.username,
    aboutMe: user.aboutMe,
    avatarUrl: gravatarUrl(user.email, PROFILE_AVATAR_SIZE),
    lastSeen: user.lastSeen ? { iso: user.lastSeen.toISOString(), text: `${lastSeenFormat(language).format(user.lastSeen)} UTC` } : null,
    isOwnProfile: viewer?.id === user.id,
    followers: counts.followers,
    following: counts.following,
    followedByViewer,
  };
}
