import { Migration } from '@mikro-orm/migrations';

// lower() follows the database's locale: in a Turkish one `I` becomes a dotless `ı`, so `KIM` and
// `kim` would be two names. Under the "C" collation it folds ASCII letters only, as the username
// rules and the app's own comparison do.
export class FoldUsernamesInAscii extends Migration {
  override async up(): Promise<void> {
    this.addSql('drop index "users_username_lower_unique"');
    this.addSql('create unique index "users_username_lower_unique" on "users" (lower("username" collate "C"))');
  }

  override async down(): Promise<void> {
    this.addSql('drop index "users_username_lower_unique"');
    this.addSql('create unique index "users_username_lower_unique" on "users" (lower("username"))');
  }
}
