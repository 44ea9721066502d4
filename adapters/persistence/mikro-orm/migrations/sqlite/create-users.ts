import { Migration } from '@mikro-orm/migrations';

export class CreateUsers extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "users" (
      "id" integer not null primary key autoincrement,
      "username" text not null,
      "email" text not null,
      "password_hash" text not null,
      "about_me" text not null default '',
      "last_seen" datetime null
    )`);
    this.addSql('create unique index "users_username_lower_unique" on "users" (lower("username"))');
    this.addSql('create unique index "users_email_unique" on "users" ("email")');
  }

  override async down(): Promise<void> {
    this.addSql('drop table "users"');
  }
}
