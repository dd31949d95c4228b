import { describe, expect, it } from 'vitest';
import { generateAppCredentials, hashClientSecret, isClientSecretHash, verifyClientSecret } from './client-credentials';

describe('client credentials', () => {
  it('generates a random secret per instance whose hash verifies it and no other', () => {
    const a = generateAppCredentials('app-a');
    const b = generateAppCredentials('app-a');
    expect(a.clientId).toBe('app-a');
    expect(a.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.clientSecret).not.toBe(b.clientSecret);
    expect(isClientSecretHash(a.clientSecretHash)).toBe(true);
    expect(a.clientSecretHash).not.toContain(a.clientSecret);
    expect(verifyClientSecret(a.clientSecret, a.clientSecretHash)).toBe(true);
    expect(verifyClientSecret(b.clientSecret, a.clientSecretHash)).toBe(false);
    expect(verifyClientSecret('', a.clientSecretHash)).toBe(false);
    expect(hashClientSecret(a.clientSecret)).toBe(a.clientSecretHash);
  });
});
