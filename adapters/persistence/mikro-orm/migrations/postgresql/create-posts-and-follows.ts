import { Migration } from '@mikro-orm/migrations';

export class CreatePostsAndFollows extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "posts" (
      "id" serial primary key,
      "author_id" integer not null references "users" ("id") on delete cascade,
      "body" varchar(140) not null,
      "created_at" timestamptz not null
    )`);
    this.addSql('create index "posts_created_at_index" on "posts" ("created_at", "id")');
    this.addSql('create index "posts_author_id_created_at_index" on "posts" ("author_id", "created_at", "id")');
    this.addSql(`create table "follows" (
      "follower_id" integer not null references "users" ("id") on delete cascade,
      "followed_id" integer not null references "users" ("id") on delete cascade,
      primary key ("follower_id", "followed_id")
    )`);
    this.addSql('create index "follows_followed_id_index" on "follows" ("followed_id")');
  }

  override async down(): Promise<void> {
    this.addSql('drop table "follows"');
    this.addSql('drop table "posts"');
  }
}
