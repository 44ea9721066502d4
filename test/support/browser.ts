/** One response, read once. */
export type Page = Readonly<{
  status: number;
  headers: Headers;
  text: string;
  /** The redirect target, for 3xx answers. */
  location: string | null;
  setCookies: string[];
}>;

export type PostOptions = Readonly<{
  /** The CSRF token to send: the last one seen on a page by default, or none at all with null. */
  token?: string | null;
  headers?: Record<string, string>;
}>;

/**
 * A minimal browser for HTTP tests: keeps cookies the way a browser would (for one host),
 * remembers the CSRF token of the last form it saw, and never follows redirects by itself.
 */
export class Browser {
  readonly cookies = new Map<string, string>();
  lastToken: string | null = null;

  constructor(readonly baseUrl: string) {}

  async get(path: string, headers: Record<string, string> = {}): Promise<Page> {
    return this.send(path, { method: 'GET', headers });
  }

  /** Sends a form as a browser does (urlencoded); array values repeat the field. */
  async post(path: string, fields: Record<string, string | string[]> = {}, options: PostOptions = {}): Promise<Page> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) {
      for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
    }
    const token = options.token === undefined ? this.lastToken : options.token;
    if (token !== null && !('csrf_token' in fields)) body.append('csrf_token', token);
    return this.send(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...options.headers },
      body: body.toString(),
    });
  }

  /** Follows a redirect chain from `page` the way a browser would, with GETs. */
  async follow(page: Page): Promise<Page> {
    let current = page;
    for (let hops = 0; current.location && hops < 10; hops++) current = await this.get(current.location);
    return current;
  }

  async register(username: string, email = `${username.toLowerCase()}@example.com`, password = 'password123'): Promise<Page> {
    await this.get('/register');
    return this.post('/register', { username, email, password, password2: password });
  }

  async logIn(username: string, password = 'password123', extra: Record<string, string> = {}, path = '/login'): Promise<Page> {
    await this.get(path);
    return this.post(path, { username, password, ...extra });
  }

  async send(path: string, init: RequestInit & { headers?: Record<string, string> }): Promise<Page> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(new URL(path, this.baseUrl), {
      ...init,
      redirect: 'manual',
      headers: { Accept: 'text/html', ...(cookie ? { Cookie: cookie } : {}), ...init.headers },
    });
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) this.store(line);
    const text = await response.text();
    this.lastToken = /name="csrf_token" value="([^"]+)"/.exec(text)?.[1] ?? this.lastToken;
    return { status: response.status, headers: response.headers, text, location: response.headers.get('location'), setCookies };
  }

  private store(setCookie: string): void {
    const [pair = '', ...attributes] = setCookie.split(';');
    const separator = pair.indexOf('=');
    const name = pair.slice(0, separator).trim();
    const value = pair.slice(separator + 1).trim();
    const expired = attributes.some((attribute) => /^\s*expires=Thu, 01 Jan 1970/i.test(attribute));
    if (value === '' || expired) this.cookies.delete(name);
    else this.cookies.set(name, value);
  }
}

/** Decodes the few HTML entities pug writes, for comparing page text with what was typed. */
export function unescapeHtml(html: string): string {
  return html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** The message shown under each field of a form page, by field name. */
export function fieldErrors(html: string): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [, field, message] of html.matchAll(/<p class="field-error" id="([\w-]+)-error">([^<]*)<\/p>/g)) {
    if (field && message !== undefined) errors[field] = unescapeHtml(message);
  }
  return errors;
}
