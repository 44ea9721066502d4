// Real SMTP endpoints on 127.0.0.1 for tests: a working smtp-server on a free port, a server that
// accepts connections but never greets, and a port where nothing listens.
import net from 'node:net';
import { SMTPServer } from 'smtp-server';
import { parseMail, type ParsedMail } from './smtp-message.js';

export type ReceivedMail = ParsedMail & Readonly<{ envelopeTo: readonly string[]; raw: string }>;

export type SmtpTestServer = Readonly<{
  host: string;
  port: number;
  received: () => readonly ReceivedMail[];
  /** Resolves once `count` messages have arrived; rejects after `timeoutMs`. */
  waitForMessages: (count: number, timeoutMs?: number) => Promise<readonly ReceivedMail[]>;
  close: () => Promise<void>;
}>;

export type SmtpTestServerOptions = Readonly<{
  username?: string;
  password?: string;
  /** How long the server takes to accept each message once it has it all: a slow mail server. */
  acceptAfterMs?: number;
  /**
   * The reply to the `n`th recipient offered (1-based): a 4xx or 5xx code refuses it, as greylisting
   * (451) or a mailbox that does not exist (550) does; null accepts it.
   */
  recipientReply?: (n: number) => number | null;
  /** Listen on this port (a mail server coming back where the app expects it); a free one by default. */
  port?: number;
}>;

const HOST = '127.0.0.1';

export async function startSmtpTestServer(options: SmtpTestServerOptions = {}): Promise<SmtpTestServer> {
  const received: ReceivedMail[] = [];
  let recipients = 0;
  // A message whose sender hung up before the server said 250 was never delivered: SMTP's own rule.
  const hungUp = new Set<string>();
  const server = new SMTPServer({
    logger: false,
    // Plain sessions: the built-in certificate is self-signed, and TLS is not what these tests test.
    disabledCommands: options.username === undefined ? ['STARTTLS', 'AUTH'] : ['STARTTLS'],
    authOptional: options.username === undefined,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      const valid = auth.username === options.username && auth.password === options.password;
      callback(valid ? null : new Error('Invalid username or password'), valid ? { user: auth.username } : undefined);
    },
    onClose(session) {
      hungUp.add(session.id);
    },
    onRcptTo(address, _session, callback) {
      recipients += 1;
      const reply = options.recipientReply?.(recipients) ?? null;
      if (reply === null) return callback();
      const refusal = Object.assign(new Error(reply >= 500 ? `<${address.address}>: Recipient address rejected: no such user` : 'Greylisted, please try again later'), { responseCode: reply });
      callback(refusal);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        setTimeout(() => {
          if (!hungUp.has(session.id)) received.push({ ...parseMail(raw), envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw });
          callback();
        }, options.acceptAfterMs ?? 0);
      });
    },
  });
  // A client killed mid-conversation resets its connection; a real mail server notes that and goes
  // on serving, where an unheard 'error' event would end the whole test process.
  server.on('error', () => {});
  const port = await listen(server.server, () => server.listen(options.port ?? 0, HOST));
  return {
    host: HOST,
    port,
    received: () => [...received],
    waitForMessages: async (count, timeoutMs = 5_000) => {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} messages, received ${received.length}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return [...received];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Runs `work` with a mail server of its own, closed afterwards whatever happens. */
export async function withSmtpTestServer(options: SmtpTestServerOptions, work: (smtp: SmtpTestServer) => Promise<void>): Promise<void> {
  const smtp = await startSmtpTestServer(options);
  try {
    await work(smtp);
  } finally {
    await smtp.close();
  }
}

/** A server that accepts TCP connections and never says a word: an SMTP greeting or an HTTP answer never comes. */
export async function startSilentServer(): Promise<Readonly<{ port: number; connections: () => number; close: () => Promise<void> }>> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listen(server, () => server.listen(0, HOST));
  return {
    port,
    connections: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port nobody listens on: connecting to it is refused at once. */
export async function unusedPort(): Promise<number> {
  const server = net.createServer();
  const port = await listen(server, () => server.listen(0, HOST));
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function listen(server: net.Server, start: () => void): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
    start();
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no TCP address');
  return address.port;
}
