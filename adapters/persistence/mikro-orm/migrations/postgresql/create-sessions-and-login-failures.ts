import { Migration } from '@mikro-orm/migrations';

export class CreateSessionsAndLoginFailures extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "sessions" (
      "token_hash" text primary key,
      "user_id" integer not null references "users" ("id") on delete cascade,
      "created_at" timestamptz not null,
      "last_active_at" timestamptz not null,
      "remember_me" boolean not null
    )`);
    this.addSql('create index "sessions_user_id_index" on "sessions" ("user_id")');
    this.addSql(`create table "login_failures" (
      "id" bigserial primary key,
      "key" text not null,
      "at" timestamptz not null
    )`);
    this.addSql('create index "login_failures_key_at_index" on "login_failures" ("key", "at")');
  }

  override async down(): Promise<void> {
    this.addSql('drop table "login_failures"');
    this.addSql('drop table "sessions"');
  }
}
