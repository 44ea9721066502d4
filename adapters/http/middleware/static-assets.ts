import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { AppMiddleware } from '../context.js';

const TYPES: Readonly<Record<string, string>> = { '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml' };

type Asset = Readonly<{ body: Buffer; type: string; etag: string }>;

/**
 * Serves the few files of `dir` (a stylesheet, an icon) from memory under `/static/`. They are read
 * once at start, so a request for one touches neither the disk nor the database.
 */
export function staticAssets(dir: string): AppMiddleware {
  const assets = new Map<string, Asset>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[extname(name)];
    if (!type) continue;
    const body = readFileSync(join(dir, name));
    assets.set(`/static/${name}`, { body, type, etag: `"${createHash('sha1').update(body).digest('base64url')}"` });
  }
  return async (ctx, next) => {
    const asset = assets.get(ctx.path);
    if (!asset || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) {
      await next();
      return;
    }
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.etag = asset.etag;
    ctx.type = asset.type;
    ctx.status = 200;
    if (ctx.fresh) {
      ctx.status = 304;
      return;
    }
    ctx.body = asset.body;
  };
}
