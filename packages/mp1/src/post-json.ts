/** One JSON POST with node:http(s), so notifications do not load undici (about 10 MB of RSS) for `fetch`. */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** Resolves to the answer's status; rejects on network errors, the timeout or the abort signal. */
export function postJson(url: string, body: string, options: { timeoutMs: number; signal: AbortSignal }): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(target, {
      method: 'POST', signal: options.signal, timeout: options.timeoutMs,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
