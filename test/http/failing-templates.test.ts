import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { withApp } from '../support/test-app.js';

/** A copy of the real views with some templates replaced by ones that throw when rendered. */
function viewsWithBroken(templates: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'microblog-views-'));
  cpSync(resolve('views'), dir, { recursive: true });
  for (const template of templates) writeFileSync(join(dir, template), '- throw new Error("template exploded")\np never shown\n');
  return dir;
}

test('when a page template throws, then the custom 500 page is shown and logged with its reference', async () => {
  const views = viewsWithBroken(['login.pug']);
  try {
    await withApp({ viewsDir: views }, async (app) => {
      const page = await app.browser().get('/login');
      assert.is(page.status, 500);
      assert.match(page.text, 'An unexpected error has occurred');
      assert.not.match(page.text, 'template exploded');
      const reference = /<code>([0-9A-Z]+)<\/code>/.exec(page.text)?.[1] ?? 'missing';
      assert.ok(app.logs.lines().some((line) => line.includes(`errorId=${reference}`)));
      assert.is((await app.browser().get('/register')).status, 200, 'other pages still work');
    });
  } finally {
    rmSync(views, { recursive: true, force: true });
  }
});

test('when the error page itself throws, then a plain-text page still answers with the status and reference', async () => {
  const views = viewsWithBroken(['login.pug', 'errors/error.pug']);
  try {
    await withApp({ viewsDir: views }, async (app) => {
      const page = await app.browser().get('/login');
      assert.is(page.status, 500);
      assert.match(page.headers.get('content-type') ?? '', 'text/plain');
      assert.match(page.text, '500 An unexpected error has occurred');
      const reference = /Reference: ([0-9A-Z]+)/.exec(page.text)?.[1] ?? 'missing';
      assert.ok(app.logs.lines().some((line) => line.includes(`errorId=${reference}`)));
      const missing = await app.browser().get('/nowhere');
      assert.is(missing.status, 404);
      assert.match(missing.text, '404 Page Not Found');
    });
  } finally {
    rmSync(views, { recursive: true, force: true });
  }
});

test.run();
