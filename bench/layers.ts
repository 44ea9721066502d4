// `npm run bench -- --layers`: where the fixed cost of a request goes, layer by layer of the app's
// own middleware stack (`appLayers` in adapters/http/app.ts). For each anonymous case: the twin
// (bare Koa answering the page's bytes), then one server per rung running the app's first k real
// layers with a last one that answers the same bytes (bench/layers-server.ts), then the whole app,
// all loaded in interleaved rounds (bench/rungs.ts). `--layers=not-found` measures one case.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireWrk, type LoadRequest } from './load.js';
import { buildApp, LAYER_NAMES_PREFIX, startApp, startBare, startLayers, type AppSettings, type BarePages, type ServerProcess } from './processes.js';
import { measureRungs, type Rung } from './rungs.js';
import type { BenchSettings } from './settings.js';
import { answerOf } from './site.js';

type LayersCase = Readonly<{ id: string; title: string; request: LoadRequest; expect: number }>;

const HTML = { Accept: 'text/html' };
// The anonymous cases of the main bench, whose cost is nearly all fixed: no query, a small template.
const LAYERS_CASES: readonly LayersCase[] = [
  { id: 'login-page', title: 'GET /login (anonymous)', request: { method: 'GET', path: '/login', headers: HTML }, expect: 200 },
  { id: 'not-found', title: 'GET /<missing> (404)', request: { method: 'GET', path: '/no-such-page', headers: HTML }, expect: 404 },
];

export async function runLayers(settings: BenchSettings, log: (message: string) => void, only: string | undefined): Promise<string> {
  requireWrk();
  const cases = LAYERS_CASES.filter((layersCase) => only === undefined || layersCase.id === only);
  if (cases.length === 0) throw new Error(`--layers= takes one of ${LAYERS_CASES.map((layersCase) => layersCase.id).join(', ')}`);
  log('building the app (npm run build)');
  buildApp();
  const workDir = mkdtempSync(join(tmpdir(), 'microblog-layers-'));
  const running: ServerProcess[] = [];
  const serverSettings = (name: string): AppSettings => ({ name, workDir, databasePath: join(workDir, 'layers.db'), secretKey: randomBytes(36).toString('base64url'), mail: null });
  try {
    // The whole app first: its start creates and migrates the database the rungs open.
    const whole = await startApp(serverSettings('app'));
    running.push(whole);
    const pages: Record<string, BarePages[string]> = {};
    for (const layersCase of cases) pages[layersCase.request.path] = await answerOf(whole.baseUrl, layersCase.request);
    const twin = await startBare(workDir, pages, 'koa');
    running.push(twin);
    const first = await startLayers(serverSettings('layers-0'), 0, pages);
    running.push(first);
    const names = layerNames(first.outputFile);
    // Each server started listens for this process's exit (processes.ts), and here there is one per layer.
    process.setMaxListeners(process.getMaxListeners() + names.length);
    const servers = [first];
    // The last layers answer the page themselves: with all of them, a rung is the whole app.
    for (let count = 1; count < names.length - 1; count++) {
      const server = await startLayers(serverSettings(`layers-${count}`), count, pages);
      running.push(server);
      servers.push(server);
    }
    const tables: string[] = [];
    for (const layersCase of cases) {
      const rung = (title: string, server: ServerProcess): Rung => ({ title, server, request: layersCase.request, expect: layersCase.expect });
      const rungs = [
        ...servers.map((server, count) => rung(count === 0 ? "the app's server and Koa app, no layer" : `+ ${names[count - 1] ?? ''}`, server)),
        rung(`+ ${names.slice(servers.length - 1).join(', ')}: the whole app (\`npm start\`'s build), its own page`, whole),
      ];
      log(`layers, ${layersCase.title}: ${Buffer.byteLength(pages[layersCase.request.path]?.body ?? '')}-byte page; ${rungs.length} rungs`);
      tables.push(`${layersCase.title}\n\n${await measureRungs(settings, log, rung('bare Koa twin, the same bytes', twin), rungs)}`);
    }
    return tables.join('\n\n');
  } finally {
    await Promise.all(running.map((server) => server.stop()));
    rmSync(workDir, { recursive: true, force: true });
  }
}

function layerNames(outputFile: string): string[] {
  const line = readFileSync(outputFile, 'utf8').split('\n').find((text) => text.startsWith(LAYER_NAMES_PREFIX));
  if (line === undefined) throw new Error(`the layers server printed no names in ${outputFile}`);
  return JSON.parse(line.slice(LAYER_NAMES_PREFIX.length)) as string[];
}
