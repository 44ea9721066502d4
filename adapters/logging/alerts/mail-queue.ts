// Sends alert emails in the background so that no request ever waits for a mail server:
// `enqueue` only stores the message. The queue is bounded (the oldest message is dropped, and the
// drops counted), each message is retried with exponential backoff a bounded number of times, and a
// failing mail server is reported once, not once per retry or per alert, until mail gets through again.
import { err, type Result } from 'neverthrow';
import { mailNotSent, type MailNotSent } from '../../../domain/errors.js';
import type { Mailer, MailMessage } from '../../../domain/ports/mailer.js';
import type { Timers } from './timers.js';

export type MailQueueOptions = Readonly<{
  mailer: Mailer;
  capacity: number;
  maxAttempts: number;
  /** Delay before the first retry; each further retry waits twice as long. */
  retryBackoffMs: number;
  timers: Timers;
  /**
   * Where the queue reports its own trouble; the text must already be free of secrets. `gaveUp` is
   * the failure worth an operator's attention: a message dropped after its last attempt.
   */
  report: Readonly<{ gaveUp: (message: string) => void; warn: (message: string) => void; info: (message: string) => void }>;
  /** Turns a refused send into one safe line of text. */
  describeFailure: (failure: MailNotSent) => string;
}>;

export class MailQueue {
  readonly #waiting: MailMessage[] = [];
  #inFlight = 0;
  #working = false;
  #failureReported = false;
  #dropped = 0;
  #idleWaiters: (() => void)[] = [];

  constructor(private readonly options: MailQueueOptions) {}

  /** Messages waiting or being sent. */
  get pending(): number {
    return this.#waiting.length + this.#inFlight;
  }

  enqueue(message: MailMessage): void {
    if (this.#waiting.length >= this.options.capacity) {
      this.#waiting.shift();
      this.#dropped += 1;
      if (this.#dropped === 1) this.options.report.warn(`Alert email queue is full (${this.options.capacity}); dropping the oldest alerts`);
    }
    this.#waiting.push(message);
    if (!this.#working) {
      this.#working = true;
      // Started on the next turn of the event loop, outside the caller's synchronous path.
      setImmediate(() => void this.work());
    }
  }

  /** Resolves when every message has been sent or given up on, or after `timeoutMs`; returns how many are left. */
  async drain(timeoutMs: number): Promise<number> {
    if (this.pending === 0) return 0;
    // A plain (ref'd) timer on purpose: it keeps a shutting-down process alive while mail is flushed.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => this.#idleWaiters.push(resolve)),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timer);
    return this.pending;
  }

  private async work(): Promise<void> {
    for (let message = this.#waiting.shift(); message !== undefined; message = this.#waiting.shift()) {
      this.#inFlight = 1;
      await this.deliver(message);
      this.#inFlight = 0;
    }
    this.#working = false;
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }

  private async deliver(message: MailMessage): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      const refusal = (await this.attempt(message)).match(() => null, (notSent) => notSent);
      if (refusal === null) {
        this.delivered();
        return;
      }
      if (attempt >= this.options.maxAttempts) {
        this.undeliverable(refusal, attempt);
        return;
      }
      await this.sleep(this.options.retryBackoffMs * 2 ** (attempt - 1));
    }
  }

  // A mailer that throws has a bug, but nothing above this background loop would catch it: it is
  // reported like a refusal and the queue carries on with the next message.
  private attempt(message: MailMessage): PromiseLike<Result<void, MailNotSent>> {
    return this.options.mailer.send(message).then(undefined, (error: unknown) =>
      err(mailNotSent(`the mailer failed unexpectedly: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`, 'transient')));
  }

  private delivered(): void {
    if (this.#failureReported) this.options.report.info('Alert emails are being delivered again');
    if (this.#dropped > 0) this.options.report.info(`${this.#dropped} alert emails were dropped because the queue was full`);
    this.#failureReported = false;
    this.#dropped = 0;
  }

  private undeliverable(failure: MailNotSent, attempts: number): void {
    if (this.#failureReported) return;
    this.#failureReported = true;
    this.options.report.gaveUp(
      `Alert email not sent after ${attempts} attempts: ${this.options.describeFailure(failure)} ` +
        '(further failures are not logged until an alert email gets through)',
    );
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.options.timers.after(ms, resolve));
  }
}
