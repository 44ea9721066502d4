import type { Language } from './ports/translator.js';

export type UserId = number;

/**
 * How precisely a user's activity is stored (when they were last seen, when a session was last
 * used): written at most this often, since it changes on every request and a write per request
 * would cost more than a minute's precision is worth. The profile shows minutes.
 */
export const ACTIVITY_PRECISION_MS = 60_000;

/** A registered person, as read: a change goes through the repository, which hands back the user as now stored. */
export type User = Readonly<{
  id: UserId;
  username: string;
  email: string;
  passwordHash: string;
  aboutMe: string;
  lastSeen: Date | null;
  /** The language they chose to read the site in, or null to be spoken to as their browser asks. */
  language: Language | null;
}>;

/** What registration hands to the repository; the repository assigns the id. */
export type NewUser = Readonly<{ username: string; email: string; passwordHash: string; lastSeen: Date | null }>;

export type ProfileChanges = Readonly<{ username: string; aboutMe: string }>;
