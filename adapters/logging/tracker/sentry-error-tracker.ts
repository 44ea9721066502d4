// The error tracker on the reporting port, with the official Sentry SDK (Sentry itself, or a
// compatible server such as GlitchTip). It runs a client of its own rather than `Sentry.init`:
// nothing global is patched (no console or outgoing-request instrumentation, no process handlers of
// the SDK's: the app's own handlers report fatal errors through the logger, and only tracing, when
// asked for, instruments the HTTP server), and each report is built with an explicit scope, so what
// an error event carries is exactly what is set here.
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  contextLinesIntegration,
  defaultStackParser,
  getCurrentScope,
  httpServerIntegration,
  httpServerSpansIntegration,
  linkedErrorsIntegration,
  makeNodeTransport,
  modulesIntegration,
  nodeContextIntegration,
  NodeClient,
  Scope,
  setCurrentClient,
  type ErrorEvent,
} from '@sentry/node';
import { err, ok, type Result } from 'neverthrow';
import type { ErrorReporter, FailureReport, ReportedRequest } from '../error-reporter.js';
import type { Scrubber } from '../scrub.js';
import { observedTransport, type SendOutcome } from './observed-transport.js';
import { trackedRequest } from './reported-request.js';
import { scrubDeep } from './scrub-event.js';

export type SentryErrorTrackerOptions = Readonly<{
  dsn: string;
  environment: string;
  release: string;
  /** The share of requests traced for performance; 0 sends no traces. */
  tracesSampleRate: number;
  scrub: Scrubber;
  /** Events waiting to be sent; beyond it new ones are dropped, so a dead tracker costs bounded memory. */
  bufferSize?: number;
}>;

// How deep the chain of `cause`s is followed.
const CAUSE_DEPTH = 5;

export function sentryErrorTracker(options: SentryErrorTrackerOptions): ErrorReporter {
  // The request as the server handed it over; what the tracker may see of it is worked out only when
  // a report is made, so a request that does not fail costs nothing more than this store.
  const requests = new AsyncLocalStorage<ReportedRequest>();
  const tracing = options.tracesSampleRate > 0;
  const awaitedOutcomes = new Map<string, (outcome: SendOutcome) => void>();
  const client = new NodeClient({
    dsn: options.dsn,
    environment: options.environment,
    release: options.release,
    transport: (transportOptions) => observedTransport(makeNodeTransport(transportOptions), (outcome) => awaitedOutcomes.get(outcome.eventId)?.(outcome)),
    transportOptions: { bufferSize: options.bufferSize ?? 64 },
    stackParser: defaultStackParser,
    // None of these reads a request, a cookie or a body: what an error event says of the request is
    // what scopeFor sets. Traces, when asked for, come from the SDK's HTTP server instrumentation.
    integrations: [
      linkedErrorsIntegration({ limit: CAUSE_DEPTH }),
      contextLinesIntegration(),
      nodeContextIntegration(),
      modulesIntegration(),
      ...(tracing ? [httpServerIntegration({ sessions: false }), httpServerSpansIntegration()] : []),
    ],
    ...(tracing ? { tracesSampleRate: options.tracesSampleRate } : {}),
    // Whatever an instrumentation might collect on its own: no cookies, headers, bodies, query
    // values or user details.
    dataCollection: { userInfo: false, cookies: false, httpHeaders: false, httpBodies: [], urlQueryParams: false },
    // Every 500 is one event carrying its own reference; the tracker groups them, not the client.
    sampleRate: 1,
    beforeSend: (event: ErrorEvent) => scrubDeep(event, options.scrub),
    beforeSendSpan: (span) => scrubDeep(span, options.scrub),
    beforeBreadcrumb: (breadcrumb) => scrubDeep(breadcrumb, options.scrub),
  });
  client.init();
  // The HTTP server instrumentation finds its client through the process-wide current scope.
  if (tracing) setCurrentClient(client);

  return {
    aroundRequest: (request: ReportedRequest, work) => requests.run(request, work),
    report: (failure) => {
      try {
        client.captureException(failure.error ?? new Error(failure.message), { originalException: failure.error }, scopeFor(failure, requests.getStore()));
      } catch (error) {
        // The tracker must never break the code that reports; stderr is the last place left to say so.
        process.stderr.write(`error tracker failed: ${error instanceof Error ? error.name : typeof error}\n`);
      }
    },
    sendTestReport: async (message, timeoutMs) => {
      const scope = new Scope();
      scope.setLevel('info');
      scope.setTags({ test: 'true' });
      const eventId = client.captureMessage(message, 'info', undefined, scope);
      try {
        return describeOutcome(await outcomeOf(eventId, awaitedOutcomes, timeoutMs));
      } finally {
        awaitedOutcomes.delete(eventId);
      }
    },
    close: async (timeoutMs) => {
      const sent = await client.close(timeoutMs);
      if (tracing) getCurrentScope().setClient(undefined);
      return sent;
    },
  };
}

function outcomeOf(eventId: string, awaited: Map<string, (outcome: SendOutcome) => void>, timeoutMs: number): Promise<SendOutcome | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    awaited.set(eventId, (outcome) => {
      clearTimeout(timer);
      resolve(outcome);
    });
  });
}

function describeOutcome(outcome: SendOutcome | null): Result<void, string> {
  if (outcome === null) return err('no answer from the tracker in time');
  if (outcome.error !== undefined) return err(describeSendError(outcome.error));
  const status = outcome.response?.statusCode;
  if (status !== undefined && status >= 200 && status < 300) return ok(undefined);
  return err(`the tracker answered HTTP ${status ?? 'without a status'}`);
}

// Node's network errors carry a code such as ECONNREFUSED worth keeping.
function describeSendError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as Error & { code?: unknown }).code;
  return typeof code === 'string' && !error.message.startsWith(code) ? `${code}: ${error.message}` : error.message;
}

function scopeFor(failure: FailureReport, reported: ReportedRequest | undefined): Scope {
  const request = reported && trackedRequest(reported);
  const { errorId, route, method, userId, requestId } = failure.context;
  const scope = new Scope();
  scope.setLevel(failure.context.fatal === true ? 'fatal' : 'error');
  const tags: Record<string, string> = {};
  if (errorId != null) tags.reference = String(errorId);
  if (route != null) tags.route = String(route);
  const requestMethod = method ?? request?.method;
  if (requestMethod != null) tags.method = String(requestMethod);
  scope.setTags(tags);
  if (userId != null) scope.setUser({ id: String(userId) });
  scope.setContext('log', { message: failure.message, ...(requestId != null ? { requestId: String(requestId) } : {}) });
  // Which worker of a cluster saw it.
  scope.setContext('process', { pid: process.pid });
  if (request) {
    scope.addEventProcessor((event) => ({ ...event, request: { method: request.method, url: request.url, headers: request.headers } }));
  }
  return scope;
}
