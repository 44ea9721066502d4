import type { MigrationObject } from '@mikro-orm/core';
import { CreatePostsAndFollows } from './create-posts-and-follows.js';
import { CreateSessionsAndLoginFailures } from './create-sessions-and-login-failures.js';
import { CreateUsers } from './create-users.js';
import { MIGRATION_NAMES, type MigrationName } from '../migration-names.js';

// The same steps as the SQLite folder, in PostgreSQL's own types; names match so the history reads alike.
const classes: Record<MigrationName, MigrationObject['class']> = {
  '2026-11-22-0001-create-users': CreateUsers,
  '2026-11-22-0002-create-sessions-and-login-failures': CreateSessionsAndLoginFailures,
  '2026-11-22-0003-create-posts-and-follows': CreatePostsAndFollows,
};

export const postgresqlMigrations: MigrationObject[] = MIGRATION_NAMES.map((name) => ({ name, class: classes[name] }));
