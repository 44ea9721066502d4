import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { RouteEntry } from '../../adapters/http/route-table.js';
import { withApp } from '../support/test-app.js';

const DOC = 'docs/architecture.md';
const START = '<!-- route table: made from the app\'s routes, checked by test/http/route-table-doc.test.ts -->';
const END = '<!-- end of the route table -->';

/** `registerUser` → `RegisterUser`, as the class is named in `domain/use-cases/register-user.ts`. */
function className(useCase: string): string {
  return useCase.charAt(0).toUpperCase() + useCase.slice(1);
}

function useCaseFile(useCase: string): string {
  return `domain/use-cases/${useCase.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}.ts`;
}

/** The pages' routes first, then the API's, each in the order their files register them. */
function markdownTable(routes: readonly RouteEntry[]): string {
  const ordered = [...routes].sort((a, b) => Number(a.path.startsWith('/api/')) - Number(b.path.startsWith('/api/')));
  const rows = ordered.map((route) => {
    const useCases = route.useCases.map((name) => `\`${className(name)}\``).join(', ') || '—';
    return `| \`${route.method} ${route.path}\` | \`${route.file}\` | ${useCases} |`;
  });
  return ['| route | file | use cases |', '|---|---|---|', ...rows].join('\n');
}

test('when the app\'s routes are listed, then each names the file that registers it and use cases that exist', async () => {
  await withApp({}, async (app) => {
    assert.ok(app.routes.length > 0);
    for (const route of app.routes) {
      const name = `${route.method} ${route.path}`;
      assert.ok(route.file !== null && existsSync(route.file), `${name} names its file (${route.file})`);
      for (const useCase of route.useCases) assert.ok(existsSync(useCaseFile(useCase)), `${name}: ${useCaseFile(useCase)} exists`);
    }
  });
});

test('when docs/architecture.md lists the routes, then its table is the one made from the running app', async () => {
  const expected = await withApp({}, async (app) => markdownTable(app.routes));
  const doc = await readFile(DOC, 'utf8');
  const documented = doc.slice(doc.indexOf(START) + START.length, doc.indexOf(END)).trim();
  assert.ok(doc.includes(START) && doc.includes(END), `${DOC} marks its route table with ${START} and ${END}`);
  assert.ok(documented === expected, `${DOC}'s route table is not the app's. Put this between the markers:\n\n${expected}\n`);
});

test.run();
