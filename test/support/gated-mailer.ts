import { ResultAsync } from 'neverthrow';
import type { MailNotSent } from '../../domain/errors.js';
import type { Mailer, MailMessage } from '../../domain/ports/mailer.js';

/**
 * A mailer that holds every message at its gate until the test opens it, then hands it to the
 * real one: a mail server as slow as a test needs it to be, to look at the app while a job waits.
 */
export class GatedMailer implements Mailer {
  #waiting = 0;
  #open!: () => void;
  readonly #opened = new Promise<void>((resolve) => { this.#open = resolve; });

  constructor(private readonly mailer: Mailer) {}

  /** Messages held at the gate just now. */
  get waiting(): number {
    return this.#waiting;
  }

  open(): void {
    this.#open();
  }

  send(message: MailMessage): ResultAsync<void, MailNotSent> {
    this.#waiting += 1;
    return ResultAsync.fromSafePromise(this.#opened).andThen(() => {
      this.#waiting -= 1;
      return this.mailer.send(message);
    });
  }

  async close(): Promise<void> {
    this.open();
    await this.mailer.close();
  }
}
