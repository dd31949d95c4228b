import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateSigningKeys } from './signing-keys';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dev-idp-keys-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('signing keys', () => {
  it('creates a private RS256 key once, readable only by the owner, and reuses it', async () => {
    const file = path.join(dir, 'dev-idp', 'jwks.json');
    const first = await loadOrCreateSigningKeys(file);
    expect(first.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(first.keys[0]?.d).toBeTruthy();
    expect((await stat(file)).mode & 0o077).toBe(0);
    const second = await loadOrCreateSigningKeys(file);
    expect(second.keys[0]?.kid).toBe(first.keys[0]?.kid);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(first);
  });

  it('refuses a file that is not a private key set', async () => {
    const file = path.join(dir, 'bad.json');
    await writeFile(file, JSON.stringify({ keys: [{ kty: 'RSA', n: 'x', e: 'AQAB' }] }));
    await expect(loadOrCreateSigningKeys(file)).rejects.toThrow(/delete it/);
  });
});
