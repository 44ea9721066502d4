import { Migration } from '@mikro-orm/migrations';

// Times are milliseconds since the epoch, as the rest of the SQLite schema keeps them, so a claim
// compares numbers. `key` is unique: enqueueing the same key twice is one job.
export class CreateJobs extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "jobs" (
      "id" integer not null primary key autoincrement,
      "key" text not null unique,
      "kind" text not null,
      "payload" text not null,
      "state" text not null default 'queued' check ("state" in ('queued', 'running', 'done', 'failed')),
      "attempts" integer not null default 0,
      "run_after" integer not null,
      "lease_until" integer null,
      "last_error" text null,
      "created_at" integer not null,
      "finished_at" integer null
    )`);
    this.addSql('create index "jobs_state_run_after_index" on "jobs" ("state", "run_after")');
  }

  override async down(): Promise<void> {
    this.addSql('drop table "jobs"');
  }
}
