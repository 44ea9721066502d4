import type { Language } from '../../../domain/ports/translator.js';

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600], ['month', 30 * 24 * 3600], ['week', 7 * 24 * 3600],
  ['day', 24 * 3600], ['hour', 3600], ['minute', 60],
];

// One formatter per language, made on first use: Intl builds its plural and word tables then.
const formats = new Map<Language, Intl.RelativeTimeFormat>();

function formatIn(language: Language): Intl.RelativeTimeFormat {
  let format = formats.get(language);
  if (!format) formats.set(language, format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' }));
  return format;
}

/** "just now", "5 minutes ago", "yesterday" ("hace 5 minutos", "ayer"): how long ago `then` was, as people say it; `justNow` is the words for the first. */
export function relativeTime(then: Date, now: Date, language: Language, justNow: string): string {
  const seconds = Math.round((then.getTime() - now.getTime()) / 1000);
  if (Math.abs(seconds) < 45) return justNow;
  const format = formatIn(language);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(Math.round(seconds / 60), 'minute');
}
