import { test } from 'uvu';
import { startAppProcess } from '../support/app-process.js';
import { assertPageWithSecurityHeaders, exchange } from '../support/raw-http.js';

// Requests Node's HTTP parser refuses never reach Koa; the server the entry point builds must
// answer them itself, with a page and the security headers, in every process of a cluster too.

for (const workers of [1, 2]) {
  test(`when the real app (${workers} process${workers > 1 ? 'es' : ''}) gets a request line that is not HTTP or headers too large, then pages with the security headers`, async () => {
    const app = await startAppProcess({ env: { WEB_CONCURRENCY: String(workers) } });
    try {
      assertPageWithSecurityHeaders(await exchange(app.baseUrl, 'GARBAGE \u0001\u0002 nonsense\r\n\r\n'), 400, 'Bad Request');
      const tooLarge = `GET / HTTP/1.1\r\nHost: localhost\r\nCookie: ${'a'.repeat(20_000)}\r\n\r\n`;
      for (let i = 0; i < 2 * workers; i++) assertPageWithSecurityHeaders(await exchange(app.baseUrl, tooLarge), 431, 'Headers Too Large');
    } finally {
      await app.stop();
    }
  });
}

test.run();
