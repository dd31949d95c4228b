/**
 * Access tokens for the demo users, from the dev IdP's password grant, cached per run while they
 * have a minute left (access tokens last 5 minutes, a run longer).
 */
import { DEMO_PASSWORD } from '@mecport/contracts';
import { fetchPasswordGrantToken } from '../../scripts/lib/fetch-token';
import { E2E } from './stack';

const MIN_VALIDITY_MS = 60_000;
const cache = new Map<string, Promise<string>>();

function expiresAt(token: string): number {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: number };
  return (payload.exp ?? 0) * 1000;
}

export async function tokenFor(username: string): Promise<string> {
  const cached = cache.get(username);
  if (cached) {
    const token = await cached.catch(() => undefined);
    if (token && expiresAt(token) - Date.now() > MIN_VALIDITY_MS) return token;
  }
  const fresh = fetchPasswordGrantToken({ issuer: E2E.issuer, clientId: 'mecport-cli', username, password: DEMO_PASSWORD });
  cache.set(username, fresh);
  return fresh;
}
