/** RFC 9457 problem+json answers of the site's own servers (the gateway, the agent's channel). */
import { randomUUID } from 'node:crypto';
import { problemType } from '@mecport/contracts/errors';

export function problemResponse(status: number, slug: string, title: string, detail: string, headers: Record<string, string> = {}): Response {
  const body = { type: slug.startsWith('urn:') ? slug : `urn:mecport:problem:${slug}`, title, status, detail, requestId: randomUUID() };
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json', ...headers } });
}

export const validationProblem = (detail: string) => problemResponse(400, problemType('validation'), 'Invalid request', detail);
export const notFoundProblem = (detail: string) => problemResponse(404, problemType('not-found'), 'Not found', detail);
