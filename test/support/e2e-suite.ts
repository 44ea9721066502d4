// One uvu suite of browser tests against one real app process, one in-process SMTP server and one
// Chromium; every test gets fresh browser profiles, closed after it. Without Chromium the suite says
// so in one line and skips, except in CI (CI set), where its absence fails every test.
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { suite } from 'uvu';
import { startAppProcess, type AppProcess, type AppProcessOptions } from './app-process.js';
import { CHROMIUM_PATH, chromiumInstalled, launchChromium, newLoopbackContext } from './chromium.js';
import { startSmtpTestServer, type SmtpTestServer } from './smtp-test-server.js';

export const ADMIN_EMAIL = 'admin@example.com';

export type E2eWorld = Readonly<{
  app: AppProcess;
  smtp: SmtpTestServer;
  chromium: Browser;
  /** A page in a new browser profile of its own (no cookies), closed when the test ends. */
  newPage: (options?: BrowserContextOptions) => Promise<Page>;
  /** A new browser profile, closed when the test ends. */
  newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>;
}>;

export type E2eSuite = Readonly<{
  test: (name: string, body: (world: E2eWorld) => Promise<void>) => void;
  run: () => void;
}>;

export function e2eSuite(title: string, appOptions: Omit<AppProcessOptions, 'mail'> = {}): E2eSuite {
  const tests = suite(title);
  if (!chromiumInstalled() && !process.env.CI) {
    return {
      test: (name) => tests.skip(name),
      run: () => {
        tests.before(() => console.log(`skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium to run the browser tests)`));
        tests.run();
      },
    };
  }

  let world: E2eWorld | null = null;
  let setupError: Error | null = null;
  let smtp: SmtpTestServer | null = null;
  let app: AppProcess | null = null;
  let chromium: Browser | null = null;
  const open: BrowserContext[] = [];

  tests.before(async () => {
    // uvu aborts the whole run when a hook throws, so a failed setup is kept and fails each test instead.
    try {
      if (!chromiumInstalled()) await launchChromium(); // fails at once, with the reason, before starting anything
      // Both take a few seconds; settle both, so whatever did start is stopped in `after`.
      const [launched, started] = await Promise.allSettled([launchChromium(), startServers(appOptions)]);
      if (launched.status === 'fulfilled') chromium = launched.value;
      if (started.status === 'fulfilled') ({ smtp, app } = started.value);
      if (launched.status === 'rejected') throw launched.reason;
      if (started.status === 'rejected') throw started.reason;
      const browser = launched.value;
      const servers = started.value;
      const newContext = async (options?: BrowserContextOptions) => {
        const context = await newLoopbackContext(browser, options);
        open.push(context);
        return context;
      };
      world = { ...servers, chromium: browser, newContext, newPage: async (options) => (await newContext(options)).newPage() };
    } catch (error) {
      setupError = error instanceof Error ? error : new Error(String(error));
    }
  });

  tests.after.each(async () => {
    for (const context of open.splice(0)) await context.close().catch(() => undefined);
  });

  tests.after(async () => {
    await chromium?.close().catch((error: unknown) => console.error('closing Chromium failed:', error));
    await app?.stop()
      .then((code) => code === 0 || console.error(`the app exited with code ${code} on SIGTERM:\n${tail(app?.output() ?? '', 30)}`))
      .catch((error: unknown) => console.error('stopping the app failed:', error));
    await smtp?.close().catch((error: unknown) => console.error('closing the SMTP server failed:', error));
  });

  return {
    test: (name, body) =>
      tests(name, async () => {
        if (setupError !== null) throw setupError;
        if (world === null) throw new Error('the end-to-end setup did not run');
        try {
          await body(world);
        } catch (error) {
          if (error instanceof Error) error.message += `\n--- the app's last output ---\n${tail(world.app.output(), 30)}`;
          throw error;
        }
      }),
    run: () => tests.run(),
  };
}

async function startServers(appOptions: Omit<AppProcessOptions, 'mail'>): Promise<{ smtp: SmtpTestServer; app: AppProcess }> {
  const smtp = await startSmtpTestServer();
  try {
    return { smtp, app: await startAppProcess({ ...appOptions, mail: { port: smtp.port, admins: [ADMIN_EMAIL] } }) };
  } catch (error) {
    await smtp.close();
    throw error;
  }
}

function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
