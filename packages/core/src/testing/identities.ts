/** Fresh identities per test, so tests sharing one throwaway database never see each other's rows. */
import { randomUUID } from 'node:crypto';
import type { TRole } from '@mecport/contracts';
import type { TVerifiedIdentity } from '../identity';

export function freshIdentity(overrides: Partial<TVerifiedIdentity> = {}, roles: TRole[] = ['operator']): TVerifiedIdentity {
  const id = randomUUID();
  return { subject: id, username: `user-${id.slice(0, 8)}`, name: 'Test User', email: null, tenant: `t-${id.slice(0, 8)}`, roles, ...overrides };
}
