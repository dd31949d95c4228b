/** Verifying dev IdP tokens in tests the way the portal does: jose against the published JWKS. */
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';

export async function verifyAccessToken(issuer: string, token: string, audience = 'mecport-api'): Promise<{ payload: JWTPayload; header: Record<string, unknown> }> {
  const meta = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { jwks_uri: string };
  const jwks = createRemoteJWKSet(new URL(meta.jwks_uri));
  const { payload, protectedHeader } = await jwtVerify(token, jwks, { issuer, audience, algorithms: ['RS256'] });
  return { payload, header: protectedHeader };
}

export async function passwordGrant(issuer: string, form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${issuer}/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'password', client_id: 'mecport-cli', ...form }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
