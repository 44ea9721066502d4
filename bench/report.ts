// Medians over rounds, the targets, and the table printed and written to
// bench/results/latest.json. Each page is compared as a ratio to its twin (a bare Koa server sending
// the same status and bytes) measured in the same round: the machine is shared and noisy, and a
// ratio survives a slow minute better than a count.
import type { QueueFigures } from './jobs.js';
import { median, unexpectedAnswers, type LoadResult } from './load.js';

/** `beside-login`: a page loaded lightly while POST /login is under full load, to see the rest of the site still answers. */
export type CaseKind = 'page' | 'login' | 'beside-login';

export type CaseSpec = Readonly<{
  id: string;
  title: string;
  kind: CaseKind;
  /** The status every response should have. */
  expect: number;
  /** The least req/s this case must reach as a share of its bare Koa twin's, in the same round. */
  minRatio?: number;
  /** The most its 99th percentile latency may be. */
  maxP99Ms?: number;
}>;

/** A page case's bare twins, round by round: Koa, and Node's HTTP server alone. */
export type TwinRounds = Readonly<{ bare: readonly LoadResult[]; nodeHttp: readonly LoadResult[] }>;

export type Check = Readonly<{ target: string; met: boolean }>;

export type CaseSummary = CaseSpec & Readonly<{
  requestsPerSecond: number;
  /** The twins' medians, for a page case. */
  twin: Readonly<{ bareRequestsPerSecond: number; nodeHttpRequestsPerSecond: number }> | null;
  /** Median over rounds of this case's req/s divided by its bare Koa twin's req/s of the same round. */
  ratioToTwin: number | null;
  /** Median over rounds of the node:http twin's req/s divided by the Koa twin's: how far above Koa wrk can drive this size. */
  generatorHeadroom: number | null;
  p50Ms: number;
  p99Ms: number;
  completed: number;
  /** Answers of 400 and above. */
  errorStatuses: number;
  /** Responses with another status than `expect`, plus requests that got no response. */
  unexpected: number;
  errors: number;
  checks: readonly Check[];
  rounds: readonly LoadResult[];
}>;

/** One side of a comparison: the medians over its rounds and the answers that were not `expect`. */
export type LoadSide = Readonly<{
  requestsPerSecond: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  unexpected: number;
  rounds: readonly LoadResult[];
}>;

export type ErrorPathSide = LoadSide;

export type ErrorPathSummary = Readonly<{
  fast: ErrorPathSide;
  slow: ErrorPathSide;
  /** slow ÷ fast: 1.00 means the mail server's speed makes no difference. */
  requestsPerSecondRatio: number;
  meanLatencyRatio: number;
  alertEmailsReceived: number;
  /** Mail fast, and an error tracker that answers at once or never. */
  trackerAnswering: ErrorPathSide;
  trackerSilent: ErrorPathSide;
  /** silent ÷ answering: 1.00 means the tracker's speed makes no difference. */
  trackerRequestsPerSecondRatio: number;
  trackerMeanLatencyRatio: number;
  /** answering tracker ÷ no tracker: what reporting every 500 to a tracker costs. */
  trackerCostRequestsPerSecondRatio: number;
  trackerEnvelopesReceived: number;
  checks: readonly Check[];
}>;

export type MemorySummary = Readonly<{
  afterWarmupMiB: number;
  requestsPerRound: number;
  afterRoundsMiB: readonly number[];
  afterLoginMiB: number | null;
  checks: readonly Check[];
}>;

export type StartSummary = Readonly<{
  firstStartMs: number;
  restartsMs: readonly number[];
  medianMs: number;
  checks: readonly Check[];
}>;

export type TimelineSide = LoadSide & Readonly<{ posts: number }>;

export type TimelineSummary = Readonly<{
  followedUsers: number;
  small: TimelineSide;
  large: TimelineSide;
  /** small ÷ large req/s: how many times slower the big timeline is (1.00 means not at all). */
  slowdown: number;
  checks: readonly Check[];
}>;

export type SearchSide = LoadSide & Readonly<{ id: string; title: string }>;

export type SearchSummary = Readonly<{
  posts: number;
  searches: readonly SearchSide[];
  /** The searcher's home page in the same rounds, a page of 25 posts without a search: for comparison. */
  homePage: LoadSide;
  publishInStep: LoadSide;
  publishWithoutIndex: LoadSide;
  /** Publishing req/s with the index kept in step ÷ without it. */
  publishRatio: number;
  checks: readonly Check[];
}>;

export type JobsSummary = Readonly<{
  queue: QueueFigures;
  backlog: number;
  /** Backlog jobs still queued or running when the load with the backlog ended. */
  backlogLeft: number;
  withoutBacklog: LoadSide;
  withBacklog: LoadSide;
  /** Logged-in index req/s with the backlog ÷ without. */
  ratio: number;
  checks: readonly Check[];
}>;

export type BenchReport = Readonly<{
  startedAt: string;
  machine: Readonly<Record<string, unknown>>;
  settings: Readonly<Record<string, unknown>>;
  cases: readonly CaseSummary[];
  errorPath: ErrorPathSummary;
  timeline: TimelineSummary;
  search: SearchSummary;
  memory: MemorySummary;
  start: StartSummary;
  jobs: JobsSummary;
}>;

const WORKERS_NOTE = 'two jobs at a time, as the app runs them';
/** Node's HTTP server must beat bare Koa by this much for the figures to be the servers', not wrk's. */
const GENERATOR_HEADROOM = 1.1;
/**
 * How much a slow mail server or a silent tracker may cost the 500 path. The promise is that it never
 * slows a response, so the check is one-sided: the slow side coming out faster is no failure.
 */
const ERROR_PATH_TOLERANCE = 0.1;
const RSS_LIMIT_MIB = 200;
const RSS_FLAT_TOLERANCE = 0.1;
const START_LIMIT_MS = 1500;
const TIMELINE_SLOWDOWN_LIMIT = 2;
/** A page of 25 results on SQLite, whatever the search. */
const SEARCH_P99_TARGET_MS = 50;
/** Keeping the search index in step may cost publishing at most this much. */
const PUBLISH_IN_STEP_TOLERANCE = 0.1;
/** A backlog of due jobs may cost the pages of the process working it off this much, no more. */
const BACKLOG_TOLERANCE = 0.1;

export function summarizeCase(spec: CaseSpec, rounds: readonly LoadResult[], twins: TwinRounds | null = null): CaseSummary {
  const perRound = (twin: readonly LoadResult[], ratio: (round: LoadResult, twinRound: LoadResult) => number) =>
    median(rounds.map((round, index) => ratio(round, twin[index] ?? twin[0] ?? round)));
  const ratioToTwin = twins && perRound(twins.bare, (round, bare) => round.requestsPerSecond / bare.requestsPerSecond);
  const generatorHeadroom = twins && median(twins.nodeHttp.map((round, index) => round.requestsPerSecond / (twins.bare[index] ?? round).requestsPerSecond));
  const p99Ms = median(rounds.map((round) => round.p99Ms));
  const unexpected = sum(rounds.map((round) => unexpectedAnswers(round, spec.expect)));
  const completed = sum(rounds.map((round) => round.completed));
  const checks: Check[] = [];
  if (spec.minRatio !== undefined && ratioToTwin !== null) checks.push({ target: `≥ ${fixed(spec.minRatio, 2)} × its twin`, met: ratioToTwin >= spec.minRatio });
  if (spec.maxP99Ms !== undefined) checks.push({ target: `p99 ≤ ${spec.maxP99Ms} ms`, met: completed > 0 && p99Ms <= spec.maxP99Ms });
  if (generatorHeadroom !== null) checks.push({ target: `node:http ≥ ${fixed(GENERATOR_HEADROOM, 2)} × Koa at this size: wrk is not the limit`, met: generatorHeadroom >= GENERATOR_HEADROOM });
  checks.push({ target: `every answer ${spec.expect}`, met: completed > 0 && unexpected === 0 });
  return {
    ...spec,
    requestsPerSecond: median(rounds.map((round) => round.requestsPerSecond)),
    twin: twins && {
      bareRequestsPerSecond: median(twins.bare.map((round) => round.requestsPerSecond)),
      nodeHttpRequestsPerSecond: median(twins.nodeHttp.map((round) => round.requestsPerSecond)),
    },
    ratioToTwin,
    generatorHeadroom,
    p50Ms: median(rounds.map((round) => round.p50Ms)),
    p99Ms,
    completed,
    errorStatuses: sum(rounds.map((round) => round.errorStatuses)),
    unexpected,
    errors: sum(rounds.map((round) => round.errors)),
    checks,
    rounds,
  };
}

export function summarizeErrorPath(
  runs: Readonly<Record<'fastMail' | 'slowMail' | 'trackerAnswering' | 'trackerSilent', readonly LoadResult[]>>,
  alertEmailsReceived: number,
  trackerEnvelopesReceived: number,
): ErrorPathSummary {
  const fastSide = summarizeSide(runs.fastMail, 500);
  const slowSide = summarizeSide(runs.slowMail, 500);
  const trackerAnswering = summarizeSide(runs.trackerAnswering, 500);
  const trackerSilent = summarizeSide(runs.trackerSilent, 500);
  const requestsPerSecondRatio = slowSide.requestsPerSecond / fastSide.requestsPerSecond;
  const meanLatencyRatio = slowSide.meanMs / fastSide.meanMs;
  const trackerRequestsPerSecondRatio = trackerSilent.requestsPerSecond / trackerAnswering.requestsPerSecond;
  const trackerMeanLatencyRatio = trackerSilent.meanMs / trackerAnswering.meanMs;
  const noSlowerRequests = (ratio: number) => ratio >= 1 - ERROR_PATH_TOLERANCE;
  const noSlowerLatency = (ratio: number) => ratio <= 1 + ERROR_PATH_TOLERANCE;
  const sides = [fastSide, slowSide, trackerAnswering, trackerSilent];
  return {
    fast: fastSide,
    slow: slowSide,
    requestsPerSecondRatio,
    meanLatencyRatio,
    alertEmailsReceived,
    trackerAnswering,
    trackerSilent,
    trackerRequestsPerSecondRatio,
    trackerMeanLatencyRatio,
    trackerCostRequestsPerSecondRatio: trackerAnswering.requestsPerSecond / fastSide.requestsPerSecond,
    trackerEnvelopesReceived,
    checks: [
      { target: `slow-mail req/s ≥ ${fixed(1 - ERROR_PATH_TOLERANCE, 2)} × fast-mail`, met: noSlowerRequests(requestsPerSecondRatio) },
      { target: `slow-mail mean latency ≤ ${fixed(1 + ERROR_PATH_TOLERANCE, 2)} × fast-mail`, met: noSlowerLatency(meanLatencyRatio) },
      { target: `silent-tracker req/s ≥ ${fixed(1 - ERROR_PATH_TOLERANCE, 2)} × answering-tracker`, met: noSlowerRequests(trackerRequestsPerSecondRatio) },
      { target: `silent-tracker mean latency ≤ ${fixed(1 + ERROR_PATH_TOLERANCE, 2)} × answering-tracker`, met: noSlowerLatency(trackerMeanLatencyRatio) },
      { target: 'every answer 500', met: sides.every((side) => side.rounds.length > 0 && side.unexpected === 0) },
      { target: 'the fast mail server received the alert', met: alertEmailsReceived > 0 },
      { target: 'the answering tracker received events', met: trackerEnvelopesReceived > 0 },
    ],
  };
}

export function summarizeTimeline(followedUsers: number, posts: Readonly<{ small: number; large: number }>, runs: Readonly<{ small: readonly LoadResult[]; large: readonly LoadResult[] }>): TimelineSummary {
  const small: TimelineSide = { posts: posts.small, ...summarizeSide(runs.small, 200) };
  const large: TimelineSide = { posts: posts.large, ...summarizeSide(runs.large, 200) };
  const slowdown = small.requestsPerSecond / large.requestsPerSecond;
  return {
    followedUsers,
    small,
    large,
    slowdown,
    checks: [
      { target: `${large.posts.toLocaleString('en')} posts within ${TIMELINE_SLOWDOWN_LIMIT}× of ${small.posts} posts`, met: slowdown <= TIMELINE_SLOWDOWN_LIMIT },
      { target: 'every answer 200', met: small.rounds.length > 0 && large.rounds.length > 0 && small.unexpected === 0 && large.unexpected === 0 },
    ],
  };
}

export function summarizeSearch(
  posts: number,
  searches: readonly Readonly<{ id: string; title: string }>[],
  runs: Readonly<{ searches: Readonly<Record<string, readonly LoadResult[]>>; homePage: readonly LoadResult[]; publishInStep: readonly LoadResult[]; publishWithoutIndex: readonly LoadResult[] }>,
): SearchSummary {
  const sides = searches.map((search): SearchSide => ({ ...search, ...summarizeSide(runs.searches[search.id] ?? [], 200) }));
  const homePage = summarizeSide(runs.homePage, 200);
  const publishInStep = summarizeSide(runs.publishInStep, 302);
  const publishWithoutIndex = summarizeSide(runs.publishWithoutIndex, 302);
  const publishRatio = publishInStep.requestsPerSecond / publishWithoutIndex.requestsPerSecond;
  return {
    posts,
    searches: sides,
    homePage,
    publishInStep,
    publishWithoutIndex,
    publishRatio,
    checks: [
      ...sides.map((side) => ({ target: `${side.id}: p99 ≤ ${SEARCH_P99_TARGET_MS} ms`, met: side.rounds.length > 0 && side.p99Ms <= SEARCH_P99_TARGET_MS })),
      { target: `publishing in step ≥ ${fixed(1 - PUBLISH_IN_STEP_TOLERANCE, 2)} × without the index`, met: publishRatio >= 1 - PUBLISH_IN_STEP_TOLERANCE },
      { target: 'every answer as expected', met: [...sides, homePage, publishInStep, publishWithoutIndex].every((side) => side.rounds.length > 0 && side.unexpected === 0) },
    ],
  };
}

export function summarizeMemory(afterWarmupMiB: number, requestsPerRound: number, afterRoundsMiB: readonly number[], afterLoginMiB: number | null): MemorySummary {
  const first = afterRoundsMiB[0] ?? afterWarmupMiB;
  const last = afterRoundsMiB.at(-1) ?? first;
  const peak = Math.max(...afterRoundsMiB);
  return {
    afterWarmupMiB,
    requestsPerRound,
    afterRoundsMiB,
    afterLoginMiB,
    checks: [
      { target: `RSS ≤ ${RSS_LIMIT_MIB} MB after every round`, met: peak <= RSS_LIMIT_MIB },
      { target: `flat: last round within ${percent(RSS_FLAT_TOLERANCE)} of the first`, met: last <= first * (1 + RSS_FLAT_TOLERANCE) },
    ],
  };
}

export function summarizeJobs(queue: QueueFigures, backlog: number, backlogLeft: number, without: readonly LoadResult[], withBacklog: readonly LoadResult[]): JobsSummary {
  const withoutBacklog = summarizeSide(without, 200);
  const withSide = summarizeSide(withBacklog, 200);
  const ratio = withSide.requestsPerSecond / withoutBacklog.requestsPerSecond;
  return {
    queue,
    backlog,
    backlogLeft,
    withoutBacklog,
    withBacklog: withSide,
    ratio,
    checks: [
      { target: `logged-in index with ${backlog.toLocaleString('en')} due jobs ≥ ${fixed(1 - BACKLOG_TOLERANCE, 2)} × without`, met: ratio >= 1 - BACKLOG_TOLERANCE },
      { target: 'the backlog was being worked off during the load', met: backlogLeft < backlog },
      { target: 'every answer 200', met: withoutBacklog.unexpected === 0 && withSide.unexpected === 0 },
    ],
  };
}

export function summarizeStart(firstStartMs: number, restartsMs: readonly number[]): StartSummary {
  const medianMs = median(restartsMs);
  return { firstStartMs, restartsMs, medianMs, checks: [{ target: `start to first request ≤ ${START_LIMIT_MS} ms`, met: medianMs <= START_LIMIT_MS }] };
}

/** The report as Markdown tables: readable in a terminal and pasteable into bench/README.md. */
export function formatReport(report: BenchReport): string {
  const lines: string[] = [];
  const { cases, errorPath, timeline, search, memory, start, jobs } = report;
  const load = (value: unknown) => (Array.isArray(value) ? value.join(' / ') : '?');
  lines.push(`${report.startedAt} · commit ${String(report.machine.commit)} · ${String(report.machine.cpus)} × ${String(report.machine.cpuModel)} · Node ${String(report.machine.node)} · load average ${load(report.machine.loadAverageAtStart)} at start, ${load(report.machine.loadAverageAtEnd)} at end · ${String(report.settings.connections)} connections, ${String(report.settings.rounds)} rounds × ${String(report.settings.durationS)} s (medians)`, '');
  lines.push('| case | req/s | twin: bare Koa req/s | × twin | twin: node:http ÷ Koa | p50 ms | p99 ms | ≥ 400 | unexpected | targets |');
  lines.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|---|');
  for (const row of cases) {
    const orDash = (value: number | null | undefined, digits: number) => (value === null || value === undefined ? '—' : fixed(value, digits));
    lines.push(`| ${row.title} | ${fixed(row.requestsPerSecond, row.requestsPerSecond < 10 ? 1 : 0)} | ${orDash(row.twin?.bareRequestsPerSecond, 0)} | ${orDash(row.ratioToTwin, 3)} | ${orDash(row.generatorHeadroom, 2)} | ${fixed(row.p50Ms, 1)} | ${fixed(row.p99Ms, 1)} | ${row.errorStatuses} | ${row.unexpected} | ${checks(row.checks)} |`);
  }
  lines.push('', `**500 path** (logged-in \`GET /index\` with the users table gone, mail configured): fast SMTP server vs one that never answers; then, mail fast, an error tracker that answers vs one that never answers`, '');
  lines.push('| alerts through | req/s | mean ms | p50 ms | p99 ms | unexpected |');
  lines.push('|---|--:|--:|--:|--:|--:|');
  const sides = [
    ['mail: fast (in-process smtp-server)', errorPath.fast],
    ['mail: slow (accepts, never greets)', errorPath.slow],
    ['mail fast + tracker answering (loopback sink)', errorPath.trackerAnswering],
    ['mail fast + tracker silent (accepts, never answers)', errorPath.trackerSilent],
  ] as const;
  for (const [name, side] of sides) {
    lines.push(`| ${name} | ${fixed(side.requestsPerSecond, 0)} | ${fixed(side.meanMs, 2)} | ${fixed(side.p50Ms, 1)} | ${fixed(side.p99Ms, 1)} | ${side.unexpected} |`);
  }
  lines.push('', `slow ÷ fast mail: req/s ${fixed(errorPath.requestsPerSecondRatio, 2)}, mean latency ${fixed(errorPath.meanLatencyRatio, 2)}; silent ÷ answering tracker: req/s ${fixed(errorPath.trackerRequestsPerSecondRatio, 2)}, mean latency ${fixed(errorPath.trackerMeanLatencyRatio, 2)}; answering tracker ÷ none: req/s ${fixed(errorPath.trackerCostRequestsPerSecondRatio, 2)}; alert emails received by the fast server: ${errorPath.alertEmailsReceived}, envelopes by the answering tracker: ${errorPath.trackerEnvelopesReceived} — ${checks(errorPath.checks)}`);
  lines.push('', `**Timeline** (logged-in \`GET /index\` of a user who follows ${timeline.followedUsers} users, each database in an app of its own)`, '');
  lines.push('| posts in the database | req/s | p50 ms | p99 ms | unexpected |');
  lines.push('|--:|--:|--:|--:|--:|');
  for (const side of [timeline.small, timeline.large]) {
    lines.push(`| ${side.posts.toLocaleString('en')} | ${fixed(side.requestsPerSecond, 0)} | ${fixed(side.p50Ms, 1)} | ${fixed(side.p99Ms, 1)} | ${side.unexpected} |`);
  }
  lines.push('', `${timeline.small.posts} ÷ ${timeline.large.posts.toLocaleString('en')} posts: req/s ${fixed(timeline.slowdown, 2)} — ${checks(timeline.checks)}`);
  lines.push('', ...formatSearch(search));
  lines.push('', `**Memory** (RSS of the app): after warm-up ${fixed(memory.afterWarmupMiB, 0)} MB; after each of ${memory.afterRoundsMiB.length} rounds of ${memory.requestsPerRound.toLocaleString('en')} mixed page requests ${memory.afterRoundsMiB.map((value) => `${fixed(value, 0)} MB`).join(', ')}${memory.afterLoginMiB === null ? '' : `; after the POST /login runs ${fixed(memory.afterLoginMiB, 0)} MB`} — ${checks(memory.checks)}`);
  const { queue } = jobs;
  lines.push('', `**Jobs** (SQLite, one process, ${WORKERS_NOTE}): ${fixed(queue.jobsPerSecond, 0)} jobs/s through the queue (${queue.jobs.toLocaleString('en')} no-op jobs, claim and completion included); enqueue to start p50 ${fixed(queue.enqueueToStartMs.p50, 1)} ms, p99 ${fixed(queue.enqueueToStartMs.p99, 1)} ms, max ${fixed(queue.enqueueToStartMs.max, 1)} ms over ${queue.enqueueToStartMs.samples} jobs; logged-in index ${fixed(jobs.withoutBacklog.requestsPerSecond, 0)} req/s without a backlog, ${fixed(jobs.withBacklog.requestsPerSecond, 0)} req/s (p99 ${fixed(jobs.withBacklog.p99Ms, 1)} ms) with ${jobs.backlog.toLocaleString('en')} due password reset jobs (${(jobs.backlog - jobs.backlogLeft).toLocaleString('en')} worked off meanwhile): ${fixed(jobs.ratio, 2)} — ${checks(jobs.checks)}`);
  lines.push('', `**Start** (spawn to first served request): median ${fixed(start.medianMs, 0)} ms over ${start.restartsMs.length} restarts (${start.restartsMs.map((value) => fixed(value, 0)).join(', ')} ms); first start on an empty database, migrations included: ${fixed(start.firstStartMs, 0)} ms — ${checks(start.checks)}`);
  return lines.join('\n');
}

/** The search case's table and publishing line, also printed alone by `npm run bench -- --search`. */
export function formatSearch(search: SearchSummary): string[] {
  const lines: string[] = [];
  lines.push(`**Search** (logged-in \`GET /search\`, a page of 25, on ${search.posts.toLocaleString('en')} posts in SQLite's FTS5 index, an app of its own)`, '');
  lines.push('| search | req/s | p50 ms | p99 ms | unexpected |');
  lines.push('|---|--:|--:|--:|--:|');
  const row = (title: string, side: LoadSide) => `| ${title} | ${fixed(side.requestsPerSecond, 0)} | ${fixed(side.p50Ms, 1)} | ${fixed(side.p99Ms, 1)} | ${side.unexpected} |`;
  for (const side of search.searches) lines.push(row(side.title, side));
  lines.push(row('for comparison, no search: the home page (25 posts of the 500 authors followed)', search.homePage));
  lines.push('', `Publishing (\`POST /index\`): ${fixed(search.publishInStep.requestsPerSecond, 0)} req/s (p99 ${fixed(search.publishInStep.p99Ms, 1)} ms) with the index in step, ${fixed(search.publishWithoutIndex.requestsPerSecond, 0)} req/s (p99 ${fixed(search.publishWithoutIndex.p99Ms, 1)} ms) without: ${fixed(search.publishRatio, 2)} — ${checks(search.checks)}`);
  return lines;
}

export function allChecks(report: BenchReport): Check[] {
  return [
    ...report.cases.flatMap((row) => row.checks.map((check) => ({ ...check, target: `${row.title}: ${check.target}` }))),
    ...report.errorPath.checks.map((check) => ({ ...check, target: `500 path: ${check.target}` })),
    ...report.timeline.checks.map((check) => ({ ...check, target: `timeline: ${check.target}` })),
    ...report.search.checks.map((check) => ({ ...check, target: `search: ${check.target}` })),
    ...report.memory.checks.map((check) => ({ ...check, target: `memory: ${check.target}` })),
    ...report.start.checks,
    ...report.jobs.checks.map((check) => ({ ...check, target: `jobs: ${check.target}` })),
  ];
}

function summarizeSide(rounds: readonly LoadResult[], expect: number): LoadSide {
  return {
    requestsPerSecond: median(rounds.map((round) => round.requestsPerSecond)),
    meanMs: median(rounds.map((round) => round.meanMs)),
    p50Ms: median(rounds.map((round) => round.p50Ms)),
    p99Ms: median(rounds.map((round) => round.p99Ms)),
    unexpected: sum(rounds.map((round) => unexpectedAnswers(round, expect))),
    rounds,
  };
}

function checks(list: readonly Check[]): string {
  return list.length === 0 ? '—' : list.map((check) => `${check.met ? '✓' : '✗'} ${check.target}`).join('; ');
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : String(value);
}

function percent(fraction: number): string {
  return `${Math.round(fraction * 100)} %`;
}
