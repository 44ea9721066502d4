import type { LogAppender, LogLevelName } from './log-appender.js';
import { lineLayout } from './line-layout.js';
import type { Scrubber } from './scrub.js';

/** The log file's lines on stdout too, where a terminal, systemd or a container runtime reads them. */
export function stdoutAppender(options: Readonly<{ scrub: Scrubber; level?: LogLevelName }>): LogAppender {
  return { level: options.level ?? 'info', definition: { type: 'stdout', layout: lineLayout(options.scrub) } };
}
