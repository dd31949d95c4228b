/**
 * A small promise wrapper over node:http/https for the edge channel. The agent uses node:http
 * rather than the global fetch because fetch (undici) adds several megabytes of resident
 * memory, and the agent's footprint on a small node matters more than a few lines here.
 *
 * @example const res = await httpRequest(new URL('http://portal/x'), { method: 'GET', timeoutMs: 5000 });
 *          const body = await readBody(res, 1 << 20);
 */
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';

export interface THttpOptions {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Gives up when the socket is idle this long (a long-poll passes its wait plus a margin). */
  timeoutMs: number;
  signal?: AbortSignal;
  agent?: http.Agent;
}

/** Keep-alive agents shared by every client in the process (1,000 simulated agents included). */
const sharedAgents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

export function httpRequest(url: URL, options: THttpOptions): Promise<IncomingMessage> {
  const isHttps = url.protocol === 'https:';
  const request = isHttps ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: options.method,
      headers: { ...options.headers, ...(options.body !== undefined ? { 'content-length': String(Buffer.byteLength(options.body)) } : {}) },
      agent: options.agent ?? (isHttps ? sharedAgents.https : sharedAgents.http),
      signal: options.signal,
    });
    req.setTimeout(options.timeoutMs, () => req.destroy(new Error(`no answer from ${url.origin} within ${options.timeoutMs} ms`)));
    req.once('response', resolve);
    req.once('error', reject);
    req.end(options.body);
  });
}

/** Reads a whole (small) body, refusing more than `maxBytes`. */
export async function readBody(res: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      res.destroy();
      throw new Error(`answer larger than ${maxBytes} bytes`);
    }
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}

/** Drains a body we do not need, so the keep-alive socket can be reused. */
export function discardBody(res: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    res.on('end', resolve).on('error', () => resolve()).on('close', resolve);
    res.resume();
  });
}
