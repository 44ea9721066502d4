// `npm run db:migrate`: applies pending database migrations and says which.
import { Database } from '../adapters/persistence/mikro-orm/database.js';
import { ConfigError, loadConfig, loadDotEnv } from './config.js';

try {
  loadDotEnv();
  const config = loadConfig(process.env);
  const database = await Database.open(config.database);
  try {
    const applied = await database.migrate();
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
  } finally {
    await database.close();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
  process.exitCode = 1;
}
