import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project folder, whether running from TypeScript sources (tsx) or from the build in dist/. */
export const PROJECT_ROOT = resolve(fileURLToPath(import.meta.url), '..', '..', ...(import.meta.url.includes('/dist/') ? ['..'] : []));
export const VIEWS_DIR = join(PROJECT_ROOT, 'views');
export const LOCALES_DIR = join(PROJECT_ROOT, 'locales');
