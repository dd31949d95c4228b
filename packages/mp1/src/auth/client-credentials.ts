/**
 * OAuth2 client credentials of an app instance. The agent generates a high-entropy secret per
 * instance and hands it to the app; only its SHA-256 is kept (and persisted). A fast hash is
 * enough because the secret is random, not a password, and it keeps token requests cheap.
 *
 * @example
 * const { clientId, clientSecret, clientSecretHash } = generateAppCredentials('app-1');
 * registry.addAppInstance({ appInstanceId: 'app-1', clientId, clientSecretHash });
 * // give clientId and clientSecret to the app (e.g. as environment variables of its workload)
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'sha256:';
/** Refuse guessable secrets: 32 characters of base64url is 192 bits. */
export const MIN_SECRET_LENGTH = 32;

export function hashClientSecret(secret: string): string {
  return PREFIX + createHash('sha256').update(secret, 'utf8').digest('base64url');
}

export function isClientSecretHash(value: string): boolean {
  return /^sha256:[A-Za-z0-9_-]{43}$/.test(value);
}

export function verifyClientSecret(secret: string, hash: string): boolean {
  const expected = Buffer.from(hash);
  const actual = Buffer.from(hashClientSecret(secret));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export function generateAppCredentials(appInstanceId: string): { clientId: string; clientSecret: string; clientSecretHash: string } {
  const clientSecret = randomBytes(32).toString('base64url');
  return { clientId: appInstanceId, clientSecret, clientSecretHash: hashClientSecret(clientSecret) };
}
