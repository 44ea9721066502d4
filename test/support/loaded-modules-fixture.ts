// Run as `node --import tsx loaded-modules-fixture.ts`, never imported: starts the app's logging as
// `npm start` does, from the environment, and prints how many modules of the Sentry SDK got loaded.
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

// A module-resolution hook (it runs on Node's loader thread) that posts back every URL resolved.
const RECORDER = `
let port;
export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  port.postMessage(resolved.url);
  return resolved;
}`;

const resolved: string[] = [];
const { port1, port2 } = new MessageChannel();
port1.on('message', (url: string) => resolved.push(url));
register(`data:text/javascript,${encodeURIComponent(RECORDER)}`, { data: { port: port2 }, transferList: [port2] });

const { loadConfig } = await import('../../src/config.js');
const { startLogging } = await import('../../src/logging.js');
const { PROJECT_ROOT } = await import('../../src/paths.js');
const config = loadConfig(process.env);
const logging = await startLogging(config, [config.secretKey ?? ''], PROJECT_ROOT);
await logging.shutdown();
// The last messages from the loader thread arrive on a later turn of the event loop.
await new Promise((settle) => setTimeout(settle, 100));
port1.close();
console.log(`sentry modules loaded: ${resolved.filter((url) => url.includes('/@sentry/')).length}`);
