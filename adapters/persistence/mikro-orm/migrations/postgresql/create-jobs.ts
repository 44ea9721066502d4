import { Migration } from '@mikro-orm/migrations';
import PgBoss from 'pg-boss';
import { PG_BOSS_SCHEMA } from '../../pg-boss-job-queue.js';

/**
 * On PostgreSQL the jobs live in pg-boss's own schema, created here from pg-boss's construction
 * plans rather than by pg-boss when a process starts (it runs with `migrate: false`). So the schema
 * appears once, with the app's other tables, when the database is migrated, instead of being raced
 * for by every process of a first start; and an upgrade of pg-boss that changes its schema stops
 * the app at start until a migration of ours applies `PgBoss.getMigrationPlans`, instead of one
 * process changing the shared schema under others still running the old version.
 *
 * The plans are one text that opens and commits its own transaction (under an advisory lock), so
 * this step runs outside the migrator's transaction, and does nothing where the schema exists.
 */
export class CreateJobs extends Migration {
  override isTransactional(): boolean {
    return false;
  }

  override async up(): Promise<void> {
    const [installed] = await this.execute(`select to_regclass('${PG_BOSS_SCHEMA}.version') is not null as "installed"`);
    if (installed?.['installed'] !== true) this.addSql(PgBoss.getConstructionPlans(PG_BOSS_SCHEMA));
  }

  override async down(): Promise<void> {
    this.addSql(`drop schema if exists ${PG_BOSS_SCHEMA} cascade`);
  }
}
