/**
 * The node's bearer tokens for the portal: EdDSA JWTs the agent signs with the private key it
 * made at enrolment (`kid` = credential id, `iss` = `sub` = node id, `aud` = EDGE_TOKEN_AUDIENCE).
 * A token is reused until it is close to expiry rather than signed per request: with 1,000
 * agents in one process that is a signature per agent every few minutes, not per heartbeat.
 *
 * @example const signer = new TokenSigner(privateKey, { nodeId, credentialId }); await signer.token();
 */
import { randomUUID, type KeyObject } from 'node:crypto';
import { EDGE_TOKEN_AUDIENCE, EDGE_TOKEN_MAX_LIFETIME_SEC } from '@mecport/contracts';
import { SignJWT } from 'jose';

/** Re-sign when less than this is left, so a token never expires in flight (long-polls included). */
const RENEW_BEFORE_EXPIRY_SEC = 90;

export class TokenSigner {
  private cached: { jwt: string; exp: number } | undefined;

  constructor(
    private readonly key: KeyObject,
    private readonly ids: { nodeId: string; credentialId: string },
    private readonly now: () => number = Date.now,
  ) {}

  async token(): Promise<string> {
    const nowSec = Math.floor(this.now() / 1000);
    if (this.cached && this.cached.exp - nowSec > RENEW_BEFORE_EXPIRY_SEC) return this.cached.jwt;
    const exp = nowSec + EDGE_TOKEN_MAX_LIFETIME_SEC;
    const jwt = await new SignJWT({})
      .setProtectedHeader({ alg: 'EdDSA', kid: this.ids.credentialId })
      .setIssuer(this.ids.nodeId)
      .setSubject(this.ids.nodeId)
      .setAudience(EDGE_TOKEN_AUDIENCE)
      .setIssuedAt(nowSec)
      .setExpirationTime(exp)
      .setJti(randomUUID())
      .sign(this.key);
    this.cached = { jwt, exp };
    return jwt;
  }
}
