// The entry point of `npm start` and `npm run dev`: one process, or with WEB_CONCURRENCY > 1 a
// cluster primary and its workers.
import cluster from 'node:cluster';
import { join } from 'node:path';
import { ConfigError, loadConfig, loadDotEnv, type Config } from './config.js';
import { startLogging } from './logging.js';
import { PROJECT_ROOT } from './paths.js';
import { runPrimary } from './primary.js';
import { resolveSecretKey, SECRET_KEY_FILE_NAME } from './secret-key.js';
import { serve } from './serve.js';
import { exit } from './shutdown.js';

/** A configuration that cannot work stops the start with one line, before anything else happens. */
function orRefuseToStart<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`microblog: configuration error: ${error.message}`);
    process.exit(1);
  }
}

const config: Config = orRefuseToStart(() => {
  loadDotEnv();
  return loadConfig(process.env);
});
const clustered = config.webConcurrency > 1;
// The primary creates the key file before forking, so every worker reads the same key.
const secret = orRefuseToStart(() => resolveSecretKey(config.secretKey, config.instanceDir));
const secretKeys = [secret.key, ...config.secretKeyFallbacks];
const logging = await startLogging(config, secretKeys, PROJECT_ROOT);
if (secret.origin === 'generated') {
  logging.logger.warn(`SECRET_KEY is not set: generated a new key in ${join(config.instanceDir, SECRET_KEY_FILE_NAME)} (owner-only). Set SECRET_KEY to manage it yourself.`);
}

try {
  if (clustered && cluster.isPrimary) await runPrimary(config, logging);
  else await serve({
    config,
    secretKeys,
    logging,
    migrate: !clustered,
    role: clustered ? `Worker ${process.pid}` : 'Microblog',
    onListening: (url) => {
      if (clustered) logging.logger.info(`Worker ${process.pid} listening`);
      else logging.logger.info('Microblog startup', { mode: config.mode, debug: config.debug, url });
    },
  });
} catch (error) {
  // A start that fails once logging is up (an unreachable database, a failed migration) is reported like
  // any fatal error, and the reports are sent before the process ends.
  logging.logger.error('Fatal: the start failed', error, { fatal: true });
  await logging.shutdown();
  exit(1);
}
