import type { MigrationObject } from '@mikro-orm/core';

// Every migration's name, in the order they run. Both dialects' folders hold one class per name
// (the compiler checks it), and start-up compares this list with the database's history, so an
// up-to-date database is served without loading the migration tooling at all.
export const MIGRATION_NAMES = [
  '2026-11-22-0001-create-users',
  '2026-11-22-0002-create-sessions-and-login-failures',
  '2026-11-22-0003-create-posts-and-follows',
  '2026-12-03-0004-create-password-resets',
  '2026-12-03-0005-create-access-tokens',
  '2026-12-07-0006-fold-usernames-in-ascii',
  '2026-12-07-0007-create-jobs',
  '2026-12-07-0008-create-exports',
  '2026-12-07-0009-create-messages',
  '2026-12-07-0010-create-post-search',
  '2026-12-07-0011-add-user-language',
] as const;

export type MigrationName = (typeof MIGRATION_NAMES)[number];

/** A dialect's migration list: its class for every name, in the order the names run. */
export function inRunOrder(classes: Readonly<Record<MigrationName, MigrationObject['class']>>): MigrationObject[] {
  return MIGRATION_NAMES.map((name) => ({ name, class: classes[name] }));
}
