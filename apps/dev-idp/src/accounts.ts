/**
 * The dev IdP's accounts are the demo realm's users (`DEMO_USERS`), all sharing
 * `DEMO_PASSWORD`. The claims are shaped as Keycloak puts them in its access tokens, so the
 * portal verifies dev and production tokens with the same code.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { DEMO_PASSWORD, DEMO_USERS, findDemoUser, type DemoUser } from '@mecport/contracts';
import type { Account, FindAccount } from 'oidc-provider';
import { PORTAL_CLIENT_ID } from './clients';

/** Keycloak-shaped identity claims of a user (no `sub`, `azp`, `aud`: the provider sets those). */
export interface TKeycloakClaims {
  preferred_username: string;
  name: string;
  email: string;
  email_verified: boolean;
  tenant: string;
  realm_access: { roles: string[] };
  resource_access: Record<string, { roles: string[] }>;
}

export function findUserBySubject(subject: string): DemoUser | undefined {
  return DEMO_USERS.find((u) => u.subject === subject);
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * The demo user with this username and password, or undefined.
 *
 * @example verifyCredentials('operator', DEMO_PASSWORD)?.tenant // 'acme-mobile'
 */
export function verifyCredentials(username: string, password: string): DemoUser | undefined {
  const user = findDemoUser(username.trim());
  const passwordOk = timingSafeEqual(digest(password), digest(DEMO_PASSWORD));
  return user && passwordOk ? user : undefined;
}

export function keycloakClaims(user: DemoUser): TKeycloakClaims {
  const roles = [...user.roles];
  return {
    preferred_username: user.username,
    name: user.name,
    email: user.email,
    email_verified: true,
    tenant: user.tenant,
    realm_access: { roles },
    resource_access: { [PORTAL_CLIENT_ID]: { roles: [...roles] } },
  };
}

/** oidc-provider's account lookup: the subject is the demo user's stable UUID. */
export const findAccount: FindAccount = (_ctx, sub): Account | undefined => {
  const user = findUserBySubject(sub);
  if (!user) return undefined;
  return { accountId: user.subject, claims: () => ({ sub: user.subject, ...keycloakClaims(user) }) };
};
