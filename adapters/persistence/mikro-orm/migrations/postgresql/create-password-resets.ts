import { Migration } from '@mikro-orm/migrations';

export class CreatePasswordResets extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "password_resets" (
      "token_hash" text primary key,
      "user_id" integer not null references "users" ("id") on delete cascade,
      "expires_at" timestamptz not null
    )`);
    this.addSql('create index "password_resets_user_id_index" on "password_resets" ("user_id")');
    this.addSql('create index "password_resets_expires_at_index" on "password_resets" ("expires_at")');
  }

  override async down(): Promise<void> {
    this.addSql('drop table "password_resets"');
  }
}
