import { createHash } from 'node:crypto';

/** Gravatar's address for an email's picture; `identicon` draws one for people without one. */
export function gravatarUrl(email: string, size: number): string {
  const digest = createHash('md5').update(email.trim().toLowerCase()).digest('hex');
  return `https://www.gravatar.com/avatar/${digest}?d=identicon&s=${size}`;
}
