// Debian's Chromium driven by playwright-core: no browser download, ever (the machines reach no
// browser download site, and a pinned Debian package is reproducible).
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';

/** Debian's package; CHROMIUM_PATH points elsewhere (or, set to a missing file, rehearses the skip). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

export function chromiumInstalled(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export async function launchChromium(): Promise<Browser> {
  if (!chromiumInstalled()) throw new Error(`no Chromium at ${CHROMIUM_PATH}: install it with apt-get install -y chromium${process.env.CI ? ' (CI is set, so the browser tests must run)' : ''}`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 30_000 });
}

/**
 * A fresh browser profile (cookies and all) that stays on loopback: the Gravatar images are answered
 * with a locally drawn identicon, every other address off this machine is refused.
 */
export async function newLoopbackContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ colorScheme: 'light', locale: 'en-US', timezoneId: 'UTC', ...options });
  context.setDefaultTimeout(15_000);
  await context.route(
    (url) => !isLoopback(url),
    async (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === 'www.gravatar.com') {
        await route.fulfill({ status: 200, contentType: 'image/svg+xml', body: identicon(url.pathname) });
      } else {
        await route.abort('blockedbyclient');
      }
    },
  );
  return context;
}

function isLoopback(url: URL): boolean {
  return url.protocol === 'data:' || url.hostname === 'localhost' || url.hostname.startsWith('127.') || url.hostname === '[::1]';
}

/** A 5×5 mirrored pattern drawn from the hash in an avatar URL, like Gravatar's `d=identicon`. */
export function identicon(seed: string): string {
  const hex = (seed.match(/[0-9a-f]{32}/)?.[0] ?? '0123456789abcdef0123456789abcdef').split('').map((digit) => parseInt(digit, 16));
  const at = (index: number) => hex[index % hex.length] ?? 0;
  const hue = Math.round(((at(0) * 16 + at(1)) / 256) * 360);
  const cells: string[] = [];
  for (let row = 0; row < 5; row++) {
    for (let column = 0; column < 3; column++) {
      if (at(2 + row * 3 + column) % 2 === 0) continue;
      for (const x of new Set([column, 4 - column])) cells.push(`<rect x="${10 + x * 20}" y="${10 + row * 20}" width="20" height="20"/>`);
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120" shape-rendering="crispEdges"><rect width="120" height="120" fill="#f0f0f0"/>` +
    `<g fill="hsl(${hue} 55% 55%)">${cells.join('')}</g></svg>`;
}
