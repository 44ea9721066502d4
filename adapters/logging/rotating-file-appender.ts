// The log file of the Flask original's RotatingFileHandler: <directory>/microblog.log, rolled at
// 10 KB, 10 backups kept, INFO and up (issue 4).
import path from 'node:path';
import { lineLayout } from './line-layout.js';
import type { LogAppender, LogLevelName } from './log-appender.js';
import type { Scrubber } from './scrub.js';

export type RotatingFileOptions = Readonly<{
  directory: string;
  scrub: Scrubber;
  fileName?: string;
  maxLogSize?: number;
  backups?: number;
  level?: LogLevelName;
}>;

export function rotatingFileAppender(options: RotatingFileOptions): LogAppender {
  return {
    level: options.level ?? 'info',
    definition: {
      type: 'file',
      filename: path.join(options.directory, options.fileName ?? 'microblog.log'),
      maxLogSize: options.maxLogSize ?? 10_240,
      backups: options.backups ?? 10,
      layout: lineLayout(options.scrub),
    },
  };
}
