import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issuerKeys } from './issuer-keys';
import { startLocalIssuer, type TLocalIssuer } from './test-support/local-issuer';
import { createTokenVerifier, SIGNED_OUT_DETAIL } from './token-verifier';

let idp: TLocalIssuer;
beforeAll(async () => {
  idp = await startLocalIssuer();
});
afterAll(async () => {
  await idp.close();
});

/** A verifier on a clock the test moves, counting how often it needed the issuer's keys (once per full check). */
function verifierWithClock(ended: Set<string> = new Set()) {
  const clock = { ms: Date.now() };
  const keys = issuerKeys(idp.issuer);
  let keyReads = 0;
  const verify = createTokenVerifier({
    issuer: idp.issuer, audience: 'mecport-api', tenantClaim: 'tenant', now: () => clock.ms,
    keys: () => { keyReads += 1; return keys(); },
    isSessionEnded: (sid) => Promise.resolve(ended.has(sid)),
  });
  return { verify, clock, keyReads: () => keyReads };
}

describe('createTokenVerifier remembers verified tokens', () => {
  it('checks a token in full once, then answers the same principal without the keys', async () => {
    const { verify, keyReads } = verifierWithClock();
    const token = await idp.sign({ sub: 'u', tenant: 'acme', realm_access: { roles: ['operator'] } });
    const first = await verify(token);
    const again = await verify(token);
    expect(again).toEqual(first);
    expect(again).toMatchObject({ subject: 'u', tenant: 'acme', roles: ['operator'] });
    expect(keyReads()).toBe(1);
  });

  it('refuses a remembered token from its expiry on, with the full check\'s 401', async () => {
    const { verify, clock } = verifierWithClock();
    const token = await idp.sign({ sub: 'u' }, { expiresIn: '30s' });
    await expect(verify(token)).resolves.toMatchObject({ subject: 'u' });
    clock.ms += 31_000;
    await expect(verify(token)).rejects.toMatchObject({ code: 'unauthenticated', message: 'Sign in again: the access token has expired' });
  });

  it('checks a remembered token in full again after a minute', async () => {
    const { verify, clock, keyReads } = verifierWithClock();
    const token = await idp.sign({ sub: 'u' }, { expiresIn: '1h' });
    await verify(token);
    clock.ms += 59_000;
    await verify(token);
    expect(keyReads()).toBe(1);
    clock.ms += 2_000;
    await verify(token);
    expect(keyReads()).toBe(2);
  });

  it('asks about the session on every call, so a remembered token of an ended session is refused', async () => {
    const ended = new Set<string>();
    const { verify } = verifierWithClock(ended);
    const token = await idp.sign({ sub: 'u', sid: 'session-1' });
    await expect(verify(token)).resolves.toMatchObject({ sessionId: 'session-1' });
    ended.add('session-1');
    await expect(verify(token)).rejects.toMatchObject({ code: 'unauthenticated', message: SIGNED_OUT_DETAIL });
  });

  it('does not remember a token that failed, nor lend one token\'s principal to another', async () => {
    const { verify, keyReads } = verifierWithClock();
    const token = await idp.sign({ sub: 'u' });
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    await expect(verify(tampered)).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(verify(tampered)).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(keyReads()).toBe(2);
    await verify(token);
    await expect(verify(tampered)).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('hands every caller its own copy of the principal', async () => {
    const { verify } = verifierWithClock();
    const token = await idp.sign({ sub: 'u', realm_access: { roles: ['operator'] } });
    const first = await verify(token);
    first.roles.push('admin');
    expect((await verify(token)).roles).toEqual(['operator']);
  });
});
