/** The bearer token of an Mp1 request, checked against the token store and the registry. */
import { AppError } from '@mecport/contracts/errors';
import { MAX_TOKENS_PER_APP, type TokenStore } from '../auth/token-store';
import type { Mp1Registry } from '../registry/registry';
import type { TMp1Request } from './types';

const challenge = (error?: string) => `Bearer realm="mp1"${error ? `, error="${error}"` : ''}`;

/** The app instance the token belongs to; a 401 AppError when there is no usable token. */
export function authenticate(req: TMp1Request, tokens: TokenStore, registry: Mp1Registry): string {
  const header = req.headers.authorization;
  if (!header) throw new AppError('unauthenticated', 'Send an access token (Authorization: Bearer …) from the token endpoint of this MEP', { headers: { 'www-authenticate': challenge() } });
  const match = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)\s*$/i.exec(header);
  if (!match) throw new AppError('unauthenticated', 'The Authorization header is not a bearer token', { headers: { 'www-authenticate': challenge('invalid_request') } });
  const grant = tokens.verify(match[1]!);
  if (grant === 'expired') throw new AppError('unauthenticated', 'The access token has expired: request a new one', { headers: { 'www-authenticate': challenge('invalid_token') } });
  if (grant === 'unknown' || !registry.hasAppInstance(grant.appInstanceId)) {
    const why = `unknown, revoked with its app instance, or superseded (a client holds at most ${MAX_TOKENS_PER_APP} live tokens; a newer one revokes the oldest)`;
    throw new AppError('unauthenticated', `The access token is not valid on this MEP (${why}): request a new one`, { headers: { 'www-authenticate': challenge('invalid_token') } });
  }
  return grant.appInstanceId;
}
