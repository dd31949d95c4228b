/** Serves a web-standard handler from node:http: the request body is read (bounded) first, the response written whole. */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { problemType } from '@mecport/contracts';
import type { TMp1Logger } from '../logger';
import { MAX_BODY_BYTES } from './input';
import { problemResponse } from './problem';

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > limit) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(body);
}

export function toNodeListener(fetch: (request: Request) => Promise<Response>, options: { origin: () => string; log?: TMp1Logger }): RequestListener {
  return (req, res) => {
    void (async () => {
      const method = req.method ?? 'GET';
      const url = new URL(req.url ?? '/', options.origin());
      try {
        const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req, MAX_BODY_BYTES);
        await send(res, await fetch(new Request(url, { method, headers: toHeaders(req), body })));
      } catch (error) {
        // Past the size limit the rest of the body is not read: answer, then close the connection.
        const tooLarge = error instanceof BodyTooLarge;
        if (!tooLarge) options.log?.error({ err: error }, 'Mp1 node adapter failed');
        if (res.headersSent) return void res.destroy();
        const status = tooLarge ? 413 : 500;
        res.setHeader('connection', 'close');
        await send(res, problemResponse({
          type: problemType(tooLarge ? 'payload-too-large' : 'internal'), title: tooLarge ? 'Payload too large' : 'Internal server error', status,
          detail: tooLarge ? `Mp1 request bodies are limited to ${MAX_BODY_BYTES} bytes` : 'Something went wrong on the MEP', instance: url.href, requestId: randomUUID(),
        }));
      }
    })();
  };
}
