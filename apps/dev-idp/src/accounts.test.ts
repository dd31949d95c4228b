import { DEMO_PASSWORD, DEMO_USERS } from '@mecport/contracts';
import { describe, expect, it } from 'vitest';
import { findUserBySubject, keycloakClaims, verifyCredentials } from './accounts';

describe('accounts', () => {
  it('accepts every demo user with the demo password, and nothing else', () => {
    for (const user of DEMO_USERS) expect(verifyCredentials(user.username, DEMO_PASSWORD)?.subject).toBe(user.subject);
    expect(verifyCredentials('operator', `${DEMO_PASSWORD}x`)).toBeUndefined();
    expect(verifyCredentials('operator', '')).toBeUndefined();
    expect(verifyCredentials('nobody', DEMO_PASSWORD)).toBeUndefined();
    expect(verifyCredentials(' operator ', DEMO_PASSWORD)?.username).toBe('operator');
  });

  it('finds users by their subject', () => {
    const user = DEMO_USERS[3]!;
    expect(findUserBySubject(user.subject)).toBe(user);
    expect(findUserBySubject('unknown')).toBeUndefined();
  });

  it('shapes claims as Keycloak does', () => {
    const user = verifyCredentials('globex-tester', DEMO_PASSWORD)!;
    expect(keycloakClaims(user)).toEqual({
      preferred_username: 'globex-tester',
      name: user.name,
      email: 'globex-tester@globex-telecom.example',
      email_verified: true,
      tenant: 'globex-telecom',
      realm_access: { roles: ['tester'] },
      resource_access: { 'mecport-portal': { roles: ['tester'] } },
    });
  });
});
