/** Serves the Mp1 handler from node:http: the request body is read (bounded) first, the response written whole. */
import type { IncomingMessage, RequestListener } from 'node:http';
import { randomUUID } from 'node:crypto';
import { ERROR_TITLES, problemType } from '@mecport/contracts/errors';
import type { TMp1Logger } from '../logger';
import { MAX_BODY_BYTES } from './input';
import { problemResponse } from './problem';
import type { TMp1Request, TMp1Response } from './types';

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

/** node:http joins repeated headers into one string, except a few it keeps as arrays (set-cookie); join those too. */
function headersOf(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

export function toNodeListener(handle: (req: TMp1Request) => Promise<TMp1Response>, log?: TMp1Logger): RequestListener {
  return (req, res) => {
    void (async () => {
      const method = req.method ?? 'GET';
      let response: TMp1Response;
      try {
        const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req, MAX_BODY_BYTES);
        response = await handle({ method, url: req.url ?? '/', headers: headersOf(req), body });
      } catch (error) {
        // Past the size limit the rest of the body is not read: answer, then close the connection.
        const tooLarge = error instanceof BodyTooLarge;
        if (!tooLarge) log?.error({ err: error }, 'Mp1 node adapter failed');
        if (res.headersSent) return void res.destroy();
        response = problemResponse({
          type: problemType(tooLarge ? 'payload-too-large' : 'internal'), title: tooLarge ? ERROR_TITLES['payload-too-large'] : 'Internal server error', status: tooLarge ? 413 : 500,
          detail: tooLarge ? `Mp1 request bodies are limited to ${MAX_BODY_BYTES} bytes` : 'Something went wrong on the MEP', requestId: randomUUID(),
        }, { connection: 'close' });
      }
      res.writeHead(response.status, response.headers).end(response.body);
    })();
  };
}
