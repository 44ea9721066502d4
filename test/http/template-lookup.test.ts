import fs, { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { withApp } from '../support/test-app.js';

test('when the same page is rendered again, then its template is not looked up on disk again', async () => {
  // Views of its own, so the lookups counted are this app's.
  const views = mkdtempSync(join(tmpdir(), 'microblog-views-'));
  cpSync(resolve('views'), views, { recursive: true });
  const stat = fs.stat;
  const lookedUp: string[] = [];
  fs.stat = ((path: fs.PathLike, ...rest: unknown[]) => {
    if (String(path).startsWith(views)) lookedUp.push(String(path));
    return (stat as (...args: unknown[]) => void)(path, ...rest);
  }) as typeof fs.stat;
  try {
    await withApp({ viewsDir: views }, async (app) => {
      for (let visit = 0; visit < 3; visit++) assert.is((await app.browser().get('/login')).status, 200);
      assert.equal(lookedUp, [join(views, 'login.pug')]);
    });
  } finally {
    fs.stat = stat;
    rmSync(views, { recursive: true, force: true });
  }
});

test.run();
