import { Migration } from '@mikro-orm/migrations';

export class CreateAccessTokens extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "access_tokens" (
      "token_hash" text not null primary key,
      "user_id" integer not null references "users" ("id") on delete cascade,
      "created_at" datetime not null,
      "expires_at" datetime not null,
      "revoked_at" datetime null
    )`);
    this.addSql('create index "access_tokens_user_id_index" on "access_tokens" ("user_id")');
    this.addSql('create index "access_tokens_expires_at_index" on "access_tokens" ("expires_at")');
  }

  override async down(): Promise<void> {
    this.addSql('drop table "access_tokens"');
  }
}
