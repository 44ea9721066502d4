// One rung of the layers ladder (`npm run bench -- --layers`): the app configured as `npm start`
// configures it (same environment, same parts), but with only the first LAYERS_COUNT layers of its
// middleware stack, then a last one that answers the page LAYERS_PAGES_FILE holds for the path, as
// the twin does. It prints the names of all the layers, so the bench can title each rung.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { appLayers, createKoaApp } from '../adapters/http/app.js';
import { Database } from '../adapters/persistence/mikro-orm/database.js';
import { loadConfig } from '../src/config.js';
import { TOKENS } from '../src/container.js';
import { startLogging } from '../src/logging.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { appContainer } from '../src/serve.js';
import { LAYER_NAMES_PREFIX, type BarePages } from './processes.js';

const count = Number(process.env.LAYERS_COUNT);
const pages = JSON.parse(readFileSync(process.env.LAYERS_PAGES_FILE ?? '', 'utf8')) as BarePages;
const config = loadConfig(process.env);
const secretKeys = [config.secretKey ?? ''];
const logging = await startLogging(config, secretKeys, PROJECT_ROOT);
const database = await Database.open(config.database, logging.logger);
const options = appContainer({ config, secretKeys, logger: logging.logger, database, userMailer: null }).resolve(TOKENS.HttpAppOptions);
const app = createKoaApp(options);
const layers = appLayers(app, options);
process.stdout.write(`${LAYER_NAMES_PREFIX}${JSON.stringify(layers.map((layer) => layer.name))}\n`);
for (const layer of layers.slice(0, count)) app.use(layer.middleware);
app.use(async (ctx) => {
  const page = pages[ctx.path] ?? { status: 404, body: '' };
  ctx.status = page.status;
  ctx.type = 'html';
  ctx.body = page.body;
});
const handle = app.callback();
createServer((request, response) => logging.aroundRequest(request, () => void handle(request, response))).listen(config.port, config.host);
