export type MailMessage = Readonly<{
  to: readonly string[];
  subject: string;
  text: string;
}>;

/** Sends email. Adapters decide how (SMTP, a folder of files for development); callers decide when. */
export interface Mailer {
  /** Resolves once the message is accepted for delivery; rejects with the transport's reason. */
  send(message: MailMessage): Promise<void>;
  close(): Promise<void>;
}
