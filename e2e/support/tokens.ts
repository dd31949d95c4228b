/** Access tokens for the demo users, from the dev IdP's password grant (cached per run). */
import { DEMO_PASSWORD } from '@mecport/contracts';
import { fetchPasswordGrantToken } from '../../scripts/lib/fetch-token';
import { E2E } from './stack';

const cache = new Map<string, Promise<string>>();

export function tokenFor(username: string): Promise<string> {
  let token = cache.get(username);
  if (!token) {
    token = fetchPasswordGrantToken({ issuer: E2E.issuer, clientId: 'mecport-cli', username, password: DEMO_PASSWORD });
    cache.set(username, token);
  }
  return token;
}
