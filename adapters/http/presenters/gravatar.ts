import { createHash } from 'node:crypto';
import { remembered } from '../remembered.js';

// An MD5 per avatar was the largest single cost of a list of posts: the same few authors fill a
// page, so each email's digest is worked out once.
const digests = remembered<string, string>(10_000);

function digest(email: string): string {
  return createHash('md5').update(email.trim().toLowerCase()).digest('hex');
}

/** Gravatar's address for an email's picture; `identicon` draws one for people without one. */
export function gravatarUrl(email: string, size: number): string {
  return `https://www.gravatar.com/avatar/${digests(email, digest)}?d=identicon&s=${size}`;
}
