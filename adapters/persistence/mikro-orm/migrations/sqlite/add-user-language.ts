import { Migration } from '@mikro-orm/migrations';

// The language a user chose in the footer while logged in; null until they choose one, so the
// browser's own preference goes on deciding for everyone who never did.
export class AddUserLanguage extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "users" add column "language" varchar(35) null');
  }
}
