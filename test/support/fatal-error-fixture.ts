// Run as `node --import tsx fatal-error-fixture.ts exception|rejection`, never imported: the app's
// logging (configured from the environment, as `npm start` does) and its fatal-error handlers, then
// an uncaught exception or an unhandled rejection, so a test can see what is reported and how the
// process ends.
import { createServer } from 'node:http';
import { loadConfig } from '../../src/config.js';
import { startLogging } from '../../src/logging.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { installShutdown } from '../../src/shutdown.js';

const kind = process.argv[2];
const config = loadConfig(process.env);
const logging = await startLogging(config, [config.secretKey ?? ''], PROJECT_ROOT);
const server = createServer();
server.listen(0, '127.0.0.1');
installShutdown({ server, logger: logging.logger, role: 'Fixture', graceMs: 1_000, deadlineMs: 10_000, stopWork: async () => {}, release: () => logging.shutdown() });

class FixtureFailure extends Error {
  override readonly name = 'FixtureFailure';
}

setTimeout(() => {
  if (kind === 'exception') throw new FixtureFailure('thrown where nothing catches it');
  void Promise.reject(new FixtureFailure('rejected where nothing awaits it'));
}, 10);
