import { Migration } from '@mikro-orm/migrations';

export class CreateUsers extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "users" (
      "id" serial primary key,
      "username" varchar(64) not null,
      "email" varchar(120) not null,
      "password_hash" text not null,
      "about_me" varchar(140) not null default '',
      "last_seen" timestamptz null
    )`);
    this.addSql('create unique index "users_username_lower_unique" on "users" (lower("username"))');
    this.addSql('create unique index "users_email_unique" on "users" ("email")');
  }

  override async down(): Promise<void> {
    this.addSql('drop table "users"');
  }
}
