import { Migration } from '@mikro-orm/migrations';

// SQLite's own lower() already folds ASCII letters only (https://www.sqlite.org/lang_corefunc.html#lower),
// so its index stays; the step exists so both dialects' histories read alike.
export class FoldUsernamesInAscii extends Migration {
  override async up(): Promise<void> {}
}
