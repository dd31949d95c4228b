/**
 * `POST /oauth2/token`: the OAuth2 client credentials grant (RFC 6749 §4.4). The client
 * authenticates with HTTP Basic (§2.3.1, id and secret form-urlencoded before base64) or with
 * `client_id`/`client_secret` in the form body, never both. Errors use RFC 6749 §5.2's JSON
 * (`error`, `error_description`) rather than problem+json, because that is what OAuth2
 * client libraries read.
 */
import type { TMp1Request, TMp1Response } from '../http/types';
import type { TokenStore } from './token-store';

type TOAuthError = 'invalid_request' | 'invalid_client' | 'unsupported_grant_type';

const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

function oauthError(error: TOAuthError, description: string): TMp1Response {
  const status = error === 'invalid_client' ? 401 : 400;
  const headers: Record<string, string> = { ...NO_STORE, 'content-type': 'application/json' };
  if (status === 401) headers['www-authenticate'] = 'Basic realm="mp1"';
  return { status, headers, body: JSON.stringify({ error, error_description: description }) };
}

/** The client id and secret of an `Authorization: Basic` header, or undefined when it is malformed. */
function basicCredentials(header: string): { id: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    const unform = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
    return { id: unform(decoded.slice(0, colon)), secret: unform(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

export function handleTokenRequest(req: TMp1Request, deps: { authenticate: (clientId: string, secret: string) => string | undefined; tokens: TokenStore }): TMp1Response {
  if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) {
    return oauthError('invalid_request', 'Send the token request as application/x-www-form-urlencoded');
  }
  const text = req.body?.toString('utf8') ?? '';
  if (text.length > 4096) return oauthError('invalid_request', 'The token request is too large');
  const form = new URLSearchParams(text);
  const grantType = form.get('grant_type');
  if (!grantType) return oauthError('invalid_request', 'grant_type is required');
  if (grantType !== 'client_credentials') return oauthError('unsupported_grant_type', 'Only the client_credentials grant is offered');

  const header = req.headers.authorization;
  const inBody = form.has('client_id') || form.has('client_secret');
  if (header && inBody) return oauthError('invalid_request', 'Authenticate the client with the Authorization header or the body, not both');
  const credentials = header ? basicCredentials(header) : { id: form.get('client_id') ?? '', secret: form.get('client_secret') ?? '' };
  if (!credentials || !credentials.id || !credentials.secret) return oauthError('invalid_client', 'Client authentication failed: give the client id and secret');

  const appInstanceId = deps.authenticate(credentials.id, credentials.secret);
  if (!appInstanceId) return oauthError('invalid_client', 'Client authentication failed');
  const { token, expiresIn } = deps.tokens.issue(appInstanceId);
  return { status: 200, headers: { ...NO_STORE, 'content-type': 'application/json' }, body: JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: expiresIn }) };
}
