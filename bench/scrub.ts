// `npm run bench:scrub`: the log scrubber's time on texts built to make a backtracking pattern work
// hard, at growing sizes. Linear time shows as a flat ns/char column; a pattern that went quadratic
// shows as ns/char growing tenfold with each tenfold size.
import { createScrubber } from '../adapters/logging/scrub.js';

const SIZES = [10_000, 100_000, 1_000_000];
const RUNS = 5;
const SHAPES: Readonly<Record<string, string>> = {
  'a-a-a-': 'a-',
  'password password': 'password ',
  'select select': 'select ',
  'update x update': 'update x ',
  'x://u:': 'x://u:',
  'quotes': "'",
  'cookie cookie': 'cookie ',
  'aaaa': 'a',
};

const scrub = createScrubber(['a-registered-secret-key-of-forty-characters']);
const rows: string[][] = [['text', ...SIZES.map((size) => `${size / 1000} KB: ms`), 'ns/char at each size']];
for (const [name, unit] of Object.entries(SHAPES)) {
  const timings = SIZES.map((size) => {
    const text = unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
    // The best of a few runs: the machine is shared, and a collection can land in any one of them.
    let best = Infinity;
    for (let run = 0; run < RUNS; run++) {
      const started = process.hrtime.bigint();
      scrub(text);
      best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
    }
    return best;
  });
  rows.push([name, ...timings.map((ms) => ms.toFixed(1)), timings.map((ms, i) => ((ms * 1e6) / (SIZES[i] ?? 1)).toFixed(0)).join(' / ')]);
}
const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  '));
