/**
 * A minimal token issuer for this package's own tests: a real HTTP server on loopback that
 * publishes a discovery document and JWKS, and signs tokens with a key made per run.
 * (The full dev IdP lives in apps/dev-idp; this package must not depend on an app.)
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';

export interface TLocalIssuer { issuer: string; sign(claims: JWTPayload, options?: { expiresIn?: string; audience?: string }): Promise<string>; close(): Promise<void> }

export async function startLocalIssuer(): Promise<TLocalIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  let issuer = '';
  const server: Server = createServer((req, res) => {
    const body = req.url === '/.well-known/openid-configuration' ? { issuer, jwks_uri: `${issuer}/jwks` } : req.url === '/jwks' ? { keys: [jwk] } : null;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    sign: (claims, options) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'test-key' }).setIssuer(issuer).setAudience(options?.audience ?? 'mecport-api')
        .setIssuedAt().setExpirationTime(options?.expiresIn ?? '5m').sign(privateKey),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
