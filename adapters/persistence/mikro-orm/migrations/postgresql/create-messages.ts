import { Migration } from '@mikro-orm/migrations';

// A message is read when its read_at is set: the unread count on every page is a count over the
// partial index of unread messages, as small as the unread messages themselves. One notification
// per user and name, as the latest value is all a polling page needs.
export class CreateMessages extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "messages" (
      "id" serial primary key,
      "sender_id" integer not null references "users" ("id") on delete cascade,
      "recipient_id" integer not null references "users" ("id") on delete cascade,
      "body" text not null,
      "created_at" timestamptz not null,
      "read_at" timestamptz null
    )`);
    this.addSql('create index "messages_recipient_id_created_at_index" on "messages" ("recipient_id", "created_at", "id")');
    this.addSql('create index "messages_sender_id_index" on "messages" ("sender_id")');
    this.addSql('create index "messages_unread_index" on "messages" ("recipient_id") where "read_at" is null');
    this.addSql(`create table "notifications" (
      "id" serial primary key,
      "user_id" integer not null references "users" ("id") on delete cascade,
      "name" text not null,
      "payload_json" text not null,
      "created_at" timestamptz not null
    )`);
    this.addSql('create unique index "notifications_user_id_name_unique" on "notifications" ("user_id", "name")');
    this.addSql('create index "notifications_user_id_created_at_index" on "notifications" ("user_id", "created_at")');
  }

  override async down(): Promise<void> {
    this.addSql('drop table "notifications"');
    this.addSql('drop table "messages"');
  }
}
