import { Migration } from '@mikro-orm/migrations';

/**
 * On PostgreSQL the jobs live in pg-boss's own schema, which pg-boss creates and migrates itself
 * when the queue starts (under an advisory lock, so several processes starting at once are safe).
 * The step exists so both databases' histories list the same migrations.
 */
export class CreateJobs extends Migration {
  override async up(): Promise<void> {}

  override async down(): Promise<void> {}
}
