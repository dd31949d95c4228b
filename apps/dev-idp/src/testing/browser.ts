/**
 * A minimal browser for integration tests: fetch with a cookie jar and manual redirects, so a
 * test can walk the authorization-code flow through the real sign-in form without Chromium.
 */
import { createHash, randomBytes } from 'node:crypto';

interface TCookie { value: string; path: string }

export class TestBrowser {
  private readonly cookies = new Map<string, TCookie>();

  /** One request, no redirects followed; cookies sent and stored as a browser would (path-scoped). */
  async request(url: string, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Response> {
    const target = new URL(url);
    const headers = new Headers(init.headers);
    const cookie = [...this.cookies].filter(([, c]) => target.pathname.startsWith(c.path)).map(([name, c]) => `${name}=${c.value}`).join('; ');
    if (cookie) headers.set('cookie', cookie);
    let body: string | undefined;
    if (init.form) {
      headers.set('content-type', 'application/x-www-form-urlencoded');
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(target, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) this.store(line);
    return res;
  }

  /** Follows redirects until one points at `stopAt` (returned, not fetched) or a non-redirect answer. */
  async follow(res: Response, from: string, stopAt: string): Promise<{ response: Response; url: string }> {
    let current = res;
    let url = from;
    for (let hop = 0; hop < 10; hop++) {
      const location = current.headers.get('location');
      if (current.status < 300 || current.status >= 400 || !location) return { response: current, url };
      url = new URL(location, url).href;
      if (url.startsWith(stopAt)) return { response: current, url };
      current = await this.request(url);
    }
    throw new Error(`too many redirects, last at ${url}`);
  }

  private store(line: string): void {
    const [pair = '', ...attributes] = line.split(';').map((p) => p.trim());
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const attr = new Map(attributes.map((a) => {
      const i = a.indexOf('=');
      return i < 0 ? [a.toLowerCase(), ''] : [a.slice(0, i).toLowerCase(), a.slice(i + 1)];
    }));
    const expires = attr.get('expires');
    if (!value || (expires && Date.parse(expires) <= Date.now()) || attr.get('max-age') === '0') this.cookies.delete(name);
    else this.cookies.set(name, { value, path: attr.get('path') || '/' });
  }
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The value of `<input name="…" value="…">` in an HTML page. */
export function inputValue(html: string, name: string): string | undefined {
  return new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1];
}

export function formAction(html: string): string | undefined {
  return /<form[^>]*action="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
}
