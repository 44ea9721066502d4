import { Migration } from '@mikro-orm/migrations';

// A user has at most one export queued or running: the partial unique index decides a race
// between two requests to start one, whatever the use case's check saw.
export class CreateExports extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "exports" (
      "id" serial primary key,
      "user_id" integer not null references "users" ("id") on delete cascade,
      "state" text not null check ("state" in ('queued', 'running', 'done', 'failed')),
      "progress" integer not null check ("progress" between 0 and 100),
      "error" text null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null
    )`);
    this.addSql('create index "exports_user_id_id_index" on "exports" ("user_id", "id")');
    this.addSql(`create unique index "exports_user_id_in_progress_unique" on "exports" ("user_id") where "state" in ('queued', 'running')`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table "exports"');
  }
}
