// The reporting port beside the log appenders: a reporter receives each unexpected failure in the
// process where it happened, with the original error object and the request still at hand. Log
// appenders cannot do that under Node's cluster module, where they run in the primary and receive
// the workers' events over IPC, stripped of the error's cause chain and of the request.
import type { Result } from 'neverthrow';
import type { LogContext } from '../../domain/ports/logger.js';

/** An incoming HTTP request as Node's server hands it over: what a report may say about it. */
export type ReportedRequest = Readonly<{
  method?: string | undefined;
  url?: string | undefined;
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
}>;

/** One `Logger.error` call: its message, its error and its context (reference, route, user id, ...). */
export type FailureReport = Readonly<{ message: string; error: unknown; context: LogContext }>;

export interface ErrorReporter {
  /** Runs the handling of one HTTP request, so that failures reported inside it carry the request. */
  aroundRequest<T>(request: ReportedRequest, work: () => T): T;
  /** Takes a failure for sending; returns at once, whatever the destination does. */
  report(failure: FailureReport): void;
  /**
   * Sends a test report straight away and waits for the destination's answer, at most `timeoutMs`:
   * the error is the exact reason it was not accepted.
   */
  sendTestReport(message: string, timeoutMs: number): Promise<Result<void, string>>;
  /** Sends what was taken, waiting at most `timeoutMs`, and stops; false when something was left unsent. */
  close(timeoutMs: number): Promise<boolean>;
}
