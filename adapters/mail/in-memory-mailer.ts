// A Mailer that keeps what it is given, for tests of the code that sends mail: it answers like the
// real transports (the same contract suite runs against it), and can be told to refuse.
import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { mailNotSent, type MailNotSent } from '../../domain/errors.js';
import type { Permanence } from '../../domain/jobs/job.js';
import type { Mailer, MailMessage } from '../../domain/ports/mailer.js';

export type SentMail = MailMessage & Readonly<{ from: string }>;

export class InMemoryMailer implements Mailer {
  readonly #sent: SentMail[] = [];
  #refusal: MailNotSent | null = null;

  constructor(private readonly options: Readonly<{ from: string }> = { from: 'no-reply@localhost' }) {}

  /** What was accepted so far, oldest first. */
  get sent(): readonly SentMail[] {
    return [...this.#sent];
  }

  /** From now on, every message is refused with `reason` (as a mail server might); `null` accepts again. */
  refuse(reason: string | null, permanence: Permanence = 'transient'): void {
    this.#refusal = reason === null ? null : mailNotSent(reason, permanence);
  }

  send(message: MailMessage): ResultAsync<void, MailNotSent> {
    if (this.#refusal !== null) return errAsync(this.#refusal);
    // Copies, so that what the sender changes afterwards is not what was "delivered".
    const attachments = message.attachments?.map((file) => ({ ...file, content: typeof file.content === 'string' ? file.content : Uint8Array.from(file.content) }));
    this.#sent.push({ ...message, to: [...message.to], ...(attachments ? { attachments } : {}), from: this.options.from });
    return okAsync(undefined);
  }

  async close(): Promise<void> {}
}
