// Reads the raw messages our mailers produce (as nodemailer writes them: one text part, or a
// multipart/alternative of text and HTML, inside a multipart/mixed with the attachments) well
// enough for tests to assert on recipients, subject, both bodies and the attached files: headers
// unfolded, RFC 2047 encoded words, quoted-printable and base64 bodies decoded.

export type ParsedMail = Readonly<{
  from: string;
  to: readonly string[];
  subject: string;
  text: string;
  /** The HTML alternative, or null when the message has none. */
  html: string | null;
  /** The attached files, as their bytes. */
  attachments: readonly ParsedAttachment[];
}>;

export type ParsedAttachment = Readonly<{ filename: string; contentType: string; content: Buffer }>;

type Part = Readonly<{ headers: ReadonlyMap<string, string>; body: string }>;

export function parseMail(raw: string): ParsedMail {
  const message = splitPart(raw.replace(/\r\n/g, '\n'));
  const leaves = leafParts(message);
  const isAttachment = (part: Part) => /^attachment\b/i.test(part.headers.get('content-disposition') ?? '');
  const bodies = leaves.filter((leaf) => !isAttachment(leaf));
  const bodyOf = (type: string) => {
    const part = bodies.find((leaf) => (leaf.headers.get('content-type') ?? 'text/plain').toLowerCase().startsWith(type));
    return part === undefined ? null : decodeBody(part).toString('utf8');
  };
  return {
    from: addresses(message.headers.get('from') ?? '')[0] ?? '',
    to: addresses(message.headers.get('to') ?? ''),
    subject: decodeWords(message.headers.get('subject') ?? ''),
    text: bodyOf('text/plain') ?? '',
    html: bodyOf('text/html'),
    attachments: leaves.filter(isAttachment).map((part) => ({
      filename: decodeWords(/filename="?([^";]+)"?/i.exec(part.headers.get('content-disposition') ?? '')?.[1] ?? ''),
      contentType: (part.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '',
      content: decodeBody(part),
    })),
  };
}

function splitPart(text: string): Part {
  const split = text.indexOf('\n\n');
  const head = split === -1 ? text : text.slice(0, split);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: split === -1 ? '' : text.slice(split + 2) };
}

function leafParts(part: Part): Part[] {
  const boundary = /multipart\/[^;]+;.*boundary="?([^";]+)"?/i.exec(part.headers.get('content-type') ?? '')?.[1];
  if (boundary === undefined) return [part];
  return part.body
    .split(`--${boundary}`)
    .slice(1)
    .filter((chunk) => !chunk.startsWith('--'))
    .flatMap((chunk) => leafParts(splitPart(chunk.replace(/^\n/, '').replace(/\n$/, ''))));
}

function addresses(value: string): string[] {
  return value
    .split(',')
    .map((part) => /<([^>]+)>/.exec(part)?.[1] ?? part.trim())
    .filter((address) => address !== '');
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?[^?]+\?([QqBb])\?([^?]*)\?=/g, (_match, encoding: string, data: string) =>
      encoding.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQuotedPrintable(data.replaceAll('_', ' ')),
    );
}

function decodeBody(part: Part): Buffer {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64');
  if (encoding === 'quoted-printable') return Buffer.from(decodeQuotedPrintable(part.body.replace(/=\n/g, '')), 'utf8');
  return Buffer.from(part.body, 'utf8');
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i] ?? '', 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
