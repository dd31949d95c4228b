/**
 * Conditional updates: individual services and rules carry an ETag, and a PUT with `If-Match`
 * that matches none of the current representation is refused with 412 (declared by MEC 011 on
 * every PUT), so two writers cannot overwrite each other unknowingly.
 */
import { createHash } from 'node:crypto';
import { AppError } from '@mecport/contracts/errors';
import type { TMp1Request, TMp1Response } from './types';

export function etagOf(resource: unknown): string {
  return `"${createHash('sha256').update(JSON.stringify(resource)).digest('base64url').slice(0, 27)}"`;
}

export function withEtag(response: TMp1Response, resource: unknown): TMp1Response {
  response.headers.etag = etagOf(resource);
  return response;
}

export function checkIfMatch(req: TMp1Request, current: unknown): void {
  const header = req.headers['if-match'];
  if (header === undefined || header.trim() === '*') return;
  const tags = header.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (!tags.includes(etagOf(current))) throw new AppError('precondition-failed', 'If-Match does not match the current representation: GET it again and retry');
}
