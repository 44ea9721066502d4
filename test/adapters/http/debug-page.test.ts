import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { AppKoaContext } from '../../../adapters/http/context.js';
import { createDebugPage, type StackLine } from '../../../adapters/http/errors/debug-page.js';
import { stackLines } from '../../../adapters/logging/stack-frames.js';

// A project of its own: one source file, and beside it the files a crafted "frame" would like the
// page to print.
const root = mkdtempSync(join(tmpdir(), 'microblog-debug-project-'));
mkdirSync(join(root, 'src'));
mkdirSync(join(root, 'instance'));
writeFileSync(join(root, 'src', 'app.ts'), ['// line 1', 'const answer = 42;', 'throw new Error("boom");', '// line 4'].join('\n'));
writeFileSync(join(root, '.env'), 'SECRET_KEY=dotenv-secret-that-must-stay-home\n');
writeFileSync(join(root, 'instance', 'secret_key'), 'stored-secret-that-must-stay-home\n');
writeFileSync(join(root, 'package.json'), '{ "name": "package-json-content" }\n');
// A link inside a source folder that points at the key: its target is what counts.
symlinkSync(join(root, 'instance', 'secret_key'), join(root, 'src', 'linked.ts'));

const SECRETS = ['dotenv-secret-that-must-stay-home', 'stored-secret-that-must-stay-home', 'package-json-content'];
const request = { method: 'GET', originalUrl: '/x', headers: { host: 'localhost' } } as unknown as AppKoaContext;

function page(lines: (error: unknown) => readonly StackLine[] = stackLines) {
  return createDebugPage({ projectRoot: root, viewsDir: resolve('views'), stackLines: lines });
}

test('when a message carries lines shaped like frames naming .env or the stored key, then the page shows the message as text and no line of those files', async () => {
  const crafted = ['.env', 'instance/secret_key', 'package.json'].map((file) => `    at evil (${join(root, file)}:1:1)`).join('\n');
  const error = new Error(`value was "x\n${crafted}"`);
  const html = await page()(request, error);
  for (const secret of SECRETS) assert.not.match(html, secret);
  assert.match(html, 'at evil (', 'the message itself is shown, escaped, as text');
  assert.not.match(html, 'class="line current"', 'no excerpt of any file the message names');
});

test('when a real frame names a project source file, then its lines are shown around the failing one', async () => {
  const frame = { file: join(root, 'src', 'app.ts'), line: 3 };
  const html = await page(() => [{ text: `at run (${frame.file}:3:7)`, frame }])(request, new Error('boom'));
  assert.match(html, 'src/app.ts');
  assert.match(html, 'class="line current"');
  assert.match(html, 'throw new Error(&quot;boom&quot;);');
});

test('when even a parsed frame names a file that is not project source, then nothing of it is shown', async () => {
  const files = ['.env', 'instance/secret_key', 'package.json', 'src/linked.ts', '../outside.ts', 'node_modules/x/index.js'];
  const lines = files.map((file): StackLine => ({ text: `at x (${join(root, file)}:1:1)`, frame: { file: join(root, file), line: 1 } }));
  const html = await page(() => lines)(request, new Error('boom'));
  for (const secret of SECRETS) assert.not.match(html, secret);
  assert.not.match(html, 'class="line current"');
});

test.run();
