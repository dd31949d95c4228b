/**
 * The dev IdP's token signing key: an RS256 key generated on first start and kept in
 * `.data/dev-idp/jwks.json` (git-ignored, mode 0600), so tokens survive restarts. Nothing
 * secret is ever committed; delete the file to rotate.
 */
import { generateKeyPair, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { JWK } from 'oidc-provider';
import { z } from 'zod';

export interface TSigningKeys { keys: JWK[] }

const ZPrivateRsaJwk = z.looseObject({ kty: z.literal('RSA'), kid: z.string().min(1), n: z.string(), e: z.string(), d: z.string() });
const ZJwks = z.object({ keys: z.array(ZPrivateRsaJwk).min(1) });

/** A fresh RS256 private JWK set (one key). */
export async function generateSigningKeys(): Promise<TSigningKeys> {
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  return { keys: [{ ...jwk, kid: `dev-idp-${randomUUID()}`, alg: 'RS256', use: 'sig' } as JWK] };
}

/**
 * The key set stored in `file`, or a new one written there.
 *
 * @example const jwks = await loadOrCreateSigningKeys('/repo/.data/dev-idp/jwks.json');
 */
export async function loadOrCreateSigningKeys(file: string): Promise<TSigningKeys> {
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (text !== undefined) {
    const parsed = ZJwks.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${file} is not an RSA private JWK set; delete it to generate a new key`);
    return { keys: parsed.data.keys as JWK[] };
  }
  const jwks = await generateSigningKeys();
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(jwks, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, file);
  return jwks;
}
