// The entry point of `npm start` and `npm run dev`.
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDebugPage } from '../adapters/http/errors/debug-page.js';
import { Database } from '../adapters/persistence/mikro-orm/database.js';
import { ConfigError, loadConfig, loadDotEnv, type Config } from './config.js';
import { buildContainer, TOKENS } from './container.js';
import { startLogging } from './logging.js';
import { resolveSecretKey, SECRET_KEY_FILE_NAME } from './secret-key.js';
import { installShutdown } from './shutdown.js';

const PROJECT_ROOT = resolve(fileURLToPath(import.meta.url), '..', '..', ...(import.meta.url.includes('/dist/') ? ['..'] : []));
const VIEWS_DIR = join(PROJECT_ROOT, 'views');
const SHUTDOWN_GRACE_MS = 10_000;

function readConfig(): Config {
  try {
    loadDotEnv();
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`microblog: configuration error: ${error.message}`);
    process.exit(1);
  }
}

const config = readConfig();
const secret = resolveSecretKey(config.secretKey, config.instanceDir);
const logging = startLogging(config, [secret.key, ...config.secretKeyFallbacks], PROJECT_ROOT);
const { logger } = logging;
if (secret.origin === 'generated') {
  logger.warn(`SECRET_KEY is not set: generated a new key in ${join(config.instanceDir, SECRET_KEY_FILE_NAME)} (owner-only). Set SECRET_KEY to manage it yourself.`);
}

const database = await Database.open(config.database, (message) => logger.info(message));
// The embedded SQLite database is created and brought up to date on every start.
const applied = await database.migrate();
if (applied.length > 0) logger.info(`Database migrated: ${applied.join(', ')}`);

const container = buildContainer({
  logger,
  database,
  secretKeys: [secret.key, ...config.secretKeyFallbacks],
  trustProxy: config.trustProxy,
  viewsDir: VIEWS_DIR,
  production: config.mode === 'production',
  ...(config.debug ? { debugPage: createDebugPage({ projectRoot: PROJECT_ROOT, viewsDir: VIEWS_DIR }) } : {}),
});
const handle = container.resolve(TOKENS.HttpApp).callback();
const server = createServer((request, response) => void handle(request, response));

installShutdown({
  server,
  logger,
  graceMs: SHUTDOWN_GRACE_MS,
  release: async () => {
    await database.close();
    await logging.shutdown();
  },
});

server.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info('Microblog startup', { mode: config.mode, debug: config.debug, url: `http://${config.host}:${port}/` });
});
