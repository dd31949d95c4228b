/** Verifies the short-lived EdDSA JWT an agent signs with its enrolled key (kid = credentialId). */
import { AppError, EDGE_TOKEN_AUDIENCE, EDGE_TOKEN_MAX_LIFETIME_SEC, ZEd25519PublicJwk } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import { decodeProtectedHeader, importJWK, jwtVerify } from 'jose';

const CLOCK_TOLERANCE_SEC = 30;
const unauthenticated = (why: string) => new AppError('unauthenticated', `Node credentials refused: ${why}`);

type TCredentialLookup = (kid: string) => Promise<{ id: string; tenantId: string; publicKey: unknown } | null>;

/** Imported public keys by their `x`: importing costs more than verifying. Bounded; a key never changes meaning. */
const keys = new Map<string, ReturnType<typeof importJWK>>();
const MAX_KEYS = 20_000;

function publicKeyOf(jwk: { kty: 'OKP'; crv: 'Ed25519'; x: string }): ReturnType<typeof importJWK> {
  let key = keys.get(jwk.x);
  if (!key) {
    if (keys.size >= MAX_KEYS) keys.clear();
    key = importJWK({ ...jwk, alg: 'EdDSA' }, 'EdDSA');
    key.catch(() => keys.delete(jwk.x));
    keys.set(jwk.x, key);
  }
  return key;
}

/**
 * Tokens already verified, with the key and node they were verified for: an agent reuses its token
 * for minutes, and an Ed25519 verification per heartbeat is most of the auth cost at 1,000 agents.
 * The credential is still looked up on every call, so revocation and re-enrolment apply at once.
 */
const verified = new Map<string, { x: string; nodeId: string; exp: number }>();
const MAX_VERIFIED = 50_000;

function isKnownValid(token: string, x: string, nodeId: string): boolean {
  const hit = verified.get(token);
  return hit !== undefined && hit.x === x && hit.nodeId === nodeId && hit.exp + CLOCK_TOLERANCE_SEC > Date.now() / 1000;
}

function rememberValid(token: string, entry: { x: string; nodeId: string; exp: number }): void {
  if (verified.size >= MAX_VERIFIED) verified.clear();
  verified.set(token, entry);
}

/**
 * `lookup` finds the node of a credential id; the portal passes a batched one (ChannelReads), the
 * default asks the database alone.
 */
export async function verifyAgentToken(db: DbClient, token: string | undefined, lookup?: TCredentialLookup): Promise<{ nodeId: string; tenantId: string }> {
  if (!token) throw unauthenticated('no token');
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(token).kid;
  } catch {
    throw unauthenticated('not a JWT');
  }
  if (!kid || !/^[0-9a-f-]{36}$/.test(kid)) throw unauthenticated('no credential id (kid)');
  // A revoked node has no credentialId, so its old kid finds nothing.
  const node = await (lookup ?? ((k: string) => db.edgeNode.findUnique({ where: { credentialId: k }, select: { id: true, tenantId: true, publicKey: true } })))(kid);
  const jwk = ZEd25519PublicJwk.safeParse(node?.publicKey);
  if (!node || !jwk.success) throw unauthenticated('unknown or revoked credentials; re-enrol the node');
  if (isKnownValid(token, jwk.data.x, node.id)) return { nodeId: node.id, tenantId: node.tenantId };
  try {
    const key = await publicKeyOf(jwk.data);
    const { payload } = await jwtVerify(token, key, { algorithms: ['EdDSA'], audience: EDGE_TOKEN_AUDIENCE, issuer: node.id, subject: node.id, clockTolerance: CLOCK_TOLERANCE_SEC, requiredClaims: ['exp', 'iat'] });
    if ((payload.exp as number) - (payload.iat as number) > EDGE_TOKEN_MAX_LIFETIME_SEC) throw unauthenticated(`lifetime over ${EDGE_TOKEN_MAX_LIFETIME_SEC} s`);
    rememberValid(token, { x: jwk.data.x, nodeId: node.id, exp: payload.exp as number });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unauthenticated((error as Error).message);
  }
  return { nodeId: node.id, tenantId: node.tenantId };
}
