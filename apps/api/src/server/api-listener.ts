/**
 * The Node listener in front of the API's Hono app, in both modes. @hono/node-server turns Node's
 * request into a web `Request` and the app's `Response` back into Node's answer; a route's JSON
 * answer (`BufferedResponse`, packages/http) is written to the socket as the string it already is,
 * instead of being drained from a body stream made only to be drained (README, "API server
 * (issue 11)"). Every other answer (streams, problems, files) takes @hono/node-server's own path.
 *
 * `overrideGlobalObjects`: false in the portal, whose Next.js uses Node's global Request and
 * Response (ADR 0007); the gateway lets @hono/node-server install its lighter ones.
 *
 * @example listen('portal', apiListener(app, { overrideGlobalObjects: false }), 3000);
 */
import { ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { BufferedResponse } from '@mecport/http';
import type { Hono } from 'hono';
import type { TNodeListener } from './http-server';

export function apiListener(app: Hono, options: { overrideGlobalObjects: boolean }): TNodeListener {
  const listener = getRequestListener(async (request, env) => {
    const response = await app.fetch(request, env);
    return env.outgoing instanceof ServerResponse && writeBufferedResponse(response, env.outgoing) ? RESPONSE_ALREADY_SENT : response;
  }, { overrideGlobalObjects: options.overrideGlobalObjects });
  return (req, res) => void listener(req, res);
}

/** Writes a BufferedResponse whose body nobody read yet; false (nothing written) for any other answer. */
export function writeBufferedResponse(response: Response, outgoing: ServerResponse): boolean {
  const text = response instanceof BufferedResponse ? response.unreadText : undefined;
  if (text === undefined || outgoing.headersSent) return false;
  const headers: Record<string, string> = {};
  let cookies = false;
  response.headers.forEach((value, name) => {
    if (name === 'set-cookie') cookies = true;
    else headers[name] = value;
  });
  if (cookies) return false; // several Set-Cookie lines: left to @hono/node-server
  headers['content-length'] ??= String(Buffer.byteLength(text));
  outgoing.writeHead(response.status, headers);
  outgoing.end(text); // Node leaves the body out of an answer to HEAD
  return true;
}
