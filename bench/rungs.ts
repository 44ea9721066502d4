// What the ladders share (`--ladder`, `--layers`): a twin and servers that each do a little more,
// loaded with wrk in interleaved rounds after a warm-up (as `bench:compare` loads its builds); each
// one's req/s as a ratio to the twin's of the same round, so that a busy moment weighs on all alike.
import { loadavg } from 'node:os';
import { median, runLoad, unexpectedAnswers, type LoadRequest, type LoadResult } from './load.js';
import type { ServerProcess } from './processes.js';
import type { BenchSettings } from './settings.js';

export type Rung = Readonly<{ title: string; server: ServerProcess; request: LoadRequest; expect: number }>;

/** A server and the request to load it with. */
export type LoadSubject = Readonly<{ server: Pick<ServerProcess, 'name' | 'baseUrl'>; request: LoadRequest }>;

/**
 * Loads every subject after a warm-up, in rounds that take each in turn, the order rotating from
 * round to round so that no subject always runs just after another; each subject's runs, round by round.
 */
export async function loadInRounds<Subject extends LoadSubject>(
  settings: BenchSettings, log: (message: string) => void, subjects: readonly Subject[],
): Promise<Map<Subject, LoadResult[]>> {
  const load = (subject: Subject, durationS: number) =>
    runLoad({ baseUrl: subject.server.baseUrl, requests: [subject.request], connections: settings.connections, durationS });
  for (const subject of subjects) await load(subject, settings.warmupS);
  const rounds = new Map<Subject, LoadResult[]>(subjects.map((subject) => [subject, []]));
  for (let round = 1; round <= settings.rounds; round++) {
    const first = (round - 1) % subjects.length;
    for (const subject of [...subjects.slice(first), ...subjects.slice(0, first)]) rounds.get(subject)?.push(await load(subject, settings.durationS));
    log(`  round ${round}: ${subjects.map((subject) => `${subject.server.name} ${rounds.get(subject)?.at(-1)?.requestsPerSecond.toFixed(0)}`).join(', ')}`);
  }
  return rounds;
}

/** The table of medians, the twin's row first, under a line that says when, on what and how long. */
export async function measureRungs(settings: BenchSettings, log: (message: string) => void, twin: Rung, rungs: readonly Rung[]): Promise<string> {
  const startedAt = new Date().toISOString();
  const loadAtStart = loadavg();
  const all = [twin, ...rungs];
  const rounds = await loadInRounds(settings, log, all);
  const twinRounds = rounds.get(twin) ?? [];
  return [
    `${startedAt} · Node ${process.versions.node} · load average ${loadAtStart.map((value) => value.toFixed(2)).join(' / ')} at start, ${loadavg().map((value) => value.toFixed(2)).join(' / ')} at end · ${settings.connections} connections, ${settings.rounds} rounds × ${settings.durationS} s (medians)`,
    '',
    '| rung | req/s | × twin | p50 ms | p99 ms | unexpected |',
    '|---|--:|--:|--:|--:|--:|',
    ...all.map((rung) => row(rung, rounds.get(rung) ?? [], twinRounds)),
  ].join('\n');
}

function row(rung: Rung, rounds: readonly LoadResult[], twinRounds: readonly LoadResult[]): string {
  const ratio = median(rounds.map((round, index) => round.requestsPerSecond / (twinRounds[index]?.requestsPerSecond ?? Number.NaN)));
  const unexpected = rounds.reduce((sum, round) => sum + unexpectedAnswers(round, rung.expect), 0);
  const rate = median(rounds.map((round) => round.requestsPerSecond));
  return `| ${rung.title} | ${rate.toFixed(0)} | ${ratio.toFixed(2)} | ${median(rounds.map((round) => round.p50Ms)).toFixed(1)} | ${median(rounds.map((round) => round.p99Ms)).toFixed(1)} | ${unexpected} |`;
}
