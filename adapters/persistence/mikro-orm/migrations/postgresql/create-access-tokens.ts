import { Migration } from '@mikro-orm/migrations';

export class CreateAccessTokens extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "access_tokens" (
      "token_hash" text primary key,
      "user_id" integer not null references "users" ("id") on delete cascade,
      "created_at" timestamptz not null,
      "expires_at" timestamptz not null,
      "revoked_at" timestamptz null
    )`);
    this.addSql('create index "access_tokens_user_id_index" on "access_tokens" ("user_id")');
    this.addSql('create index "access_tokens_expires_at_index" on "access_tokens" ("expires_at")');
  }

  override async down(): Promise<void> {
    this.addSql('drop table "access_tokens"');
  }
}
