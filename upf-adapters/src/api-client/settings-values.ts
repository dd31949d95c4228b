/**
 * Setting values the northbound adapters (nef, camara) share. A node's data-plane settings are
 * strings (`@mecport/contracts` ZDataPlane); these parse them once, when the adapter is built.
 */
import { z } from 'zod';

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** An https URL; http only to loopback (an emulator or a local proxy on the node). No query, no fragment. */
export const zApiUrl = z
  .url({ protocol: /^https?$/ })
  .refine((v) => { const u = new URL(v); return u.protocol === 'https:' || LOOPBACK.has(u.hostname); }, { message: 'must be https (http only to a loopback address)' })
  .refine((v) => { const u = new URL(v); return !u.search && !u.hash && !u.username; }, { message: 'must have no query, fragment or credentials' })
  .transform((v) => v.replace(/\/+$/, ''));

/** A positive integer given as a string, with a default. */
export const zIntString = (min: number, max: number, fallback: number) =>
  z.string().regex(/^\d+$/, 'must be a whole number').transform(Number).pipe(z.int().min(min).max(max)).optional().transform((v) => v ?? fallback);

/** OAuth2 client credentials (RFC 6749 §4.4): optional as a whole; the secret stays in the node's environment. */
export const zOAuthSettings = {
  tokenUrl: zApiUrl.optional(),
  clientId: z.string().min(1).max(256).optional(),
  scope: z.string().max(512).optional(),
};

export function oauthComplete(s: { tokenUrl?: string; clientId?: string }, ctx: z.RefinementCtx): void {
  if (s.tokenUrl && !s.clientId) ctx.addIssue({ code: 'custom', path: ['clientId'], message: 'tokenUrl needs a clientId' });
  if (s.clientId && !s.tokenUrl) ctx.addIssue({ code: 'custom', path: ['tokenUrl'], message: 'clientId needs a tokenUrl' });
}

/** Parses settings or throws one Error that names every bad field (the agent reports it for the node). */
export function parseSettings<T extends z.ZodType>(schema: T, adapter: string, settings: Record<string, string>): z.infer<T> {
  const parsed = schema.safeParse(settings);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => `${i.path.join('.') || '(settings)'}: ${i.message}`).join('; ');
  throw new Error(`invalid ${adapter} data-plane settings: ${fields}`);
}
