import type { MigrationObject } from '@mikro-orm/core';
import { CreatePasswordResets } from './create-password-resets.js';
import { AddUserLanguage } from './add-user-language.js';
import { CreateAccessTokens } from './create-access-tokens.js';
import { CreateExports } from './create-exports.js';
import { CreateJobs } from './create-jobs.js';
import { CreateMessages } from './create-messages.js';
import { CreatePostsAndFollows } from './create-posts-and-follows.js';
import { CreatePostSearch } from './create-post-search.js';
import { CreateSessionsAndLoginFailures } from './create-sessions-and-login-failures.js';
import { CreateUsers } from './create-users.js';
import { FoldUsernamesInAscii } from './fold-usernames-in-ascii.js';
import { inRunOrder } from '../migration-names.js';

// The same steps as the SQLite folder, in PostgreSQL's own types; names match so the history reads alike.
export const postgresqlMigrations: MigrationObject[] = inRunOrder({
  '2026-11-22-0001-create-users': CreateUsers,
  '2026-11-22-0002-create-sessions-and-login-failures': CreateSessionsAndLoginFailures,
  '2026-11-22-0003-create-posts-and-follows': CreatePostsAndFollows,
  '2026-12-03-0004-create-password-resets': CreatePasswordResets,
  '2026-12-03-0005-create-access-tokens': CreateAccessTokens,
  '2026-12-07-0006-fold-usernames-in-ascii': FoldUsernamesInAscii,
  '2026-12-07-0007-create-jobs': CreateJobs,
  '2026-12-07-0008-create-exports': CreateExports,
  '2026-12-07-0009-create-messages': CreateMessages,
  '2026-12-07-0010-create-post-search': CreatePostSearch,
  '2026-12-07-0011-add-user-language': AddUserLanguage,
});
