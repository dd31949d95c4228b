/** The bearer token of an Mp1 request, checked against the token store and the registry. */
import { AppError } from '@mecport/contracts';
import type { TokenStore } from '../auth/token-store';
import type { Mp1Registry } from '../registry/registry';

const challenge = (error?: string) => `Bearer realm="mp1"${error ? `, error="${error}"` : ''}`;

/** The app instance the token belongs to; a 401 AppError when there is no usable token. */
export function authenticate(request: Request, tokens: TokenStore, registry: Mp1Registry): string {
  const header = request.headers.get('authorization');
  if (!header) throw new AppError('unauthenticated', 'Send an access token (Authorization: Bearer …) from the token endpoint of this MEP', { extensions: { wwwAuthenticate: challenge() } });
  const match = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)\s*$/i.exec(header);
  if (!match) throw new AppError('unauthenticated', 'The Authorization header is not a bearer token', { extensions: { wwwAuthenticate: challenge('invalid_request') } });
  const grant = tokens.verify(match[1]!);
  if (grant === 'expired') throw new AppError('unauthenticated', 'The access token has expired: request a new one', { extensions: { wwwAuthenticate: challenge('invalid_token') } });
  if (grant === 'unknown' || !registry.hasAppInstance(grant.appInstanceId)) {
    throw new AppError('unauthenticated', 'The access token is not valid on this MEP', { extensions: { wwwAuthenticate: challenge('invalid_token') } });
  }
  return grant.appInstanceId;
}
