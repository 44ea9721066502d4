import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorReporter } from '../adapters/logging/error-reporter.js';
import type { Scrubber } from '../adapters/logging/scrub.js';
import type { TrackerConfig } from './config.js';

/**
 * The error tracker, when SENTRY_DSN configures one. The SDK is imported here and only here, so a
 * site without a tracker never loads it.
 */
export async function startErrorTracker(tracker: TrackerConfig, scrub: Scrubber, projectRoot: string): Promise<ErrorReporter> {
  const { sentryErrorTracker } = await import('../adapters/logging/tracker/sentry-error-tracker.js');
  return sentryErrorTracker({
    dsn: tracker.dsn,
    environment: tracker.environment,
    release: tracker.release ?? defaultRelease(projectRoot),
    tracesSampleRate: tracker.tracesSampleRate,
    scrub,
  });
}

/** `microblog@<version>`, plus `+<commit>` when the app runs from a git checkout (semver build metadata). */
export function defaultRelease(projectRoot: string): string {
  const { version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };
  const commit = gitCommit(projectRoot);
  return commit ? `microblog@${version}+${commit}` : `microblog@${version}`;
}

function gitCommit(projectRoot: string): string | null {
  try {
    const output = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 2_000 });
    return /^[0-9a-f]{7,40}$/.test(output.trim()) ? output.trim() : null;
  } catch {
    return null;
  }
}
