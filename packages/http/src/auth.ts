/**
 * Named auth wrappers, one per caller kind, declared where a route is defined:
 * `withUser({ roles: ['operator'] })`, `withUser({ roles: 'any' })`, `publicAccess()`.
 * Agents (node credentials) and peer stores (HTTP message signatures) get their own wrappers later.
 */
import { AppError, type TRole } from '@mecport/contracts';
import type { TUserPrincipal } from './token-verifier';

export interface TUserAuth { kind: 'user'; roles: readonly TRole[] | 'any' }
export interface TPublicAuth { kind: 'public' }
export type TAuthSpec = TUserAuth | TPublicAuth;

export function withUser(options: { roles: readonly TRole[] | 'any' }): TUserAuth {
  return { kind: 'user', roles: options.roles };
}

export function publicAccess(): TPublicAuth {
  return { kind: 'public' };
}

/** 403 unless the principal has a tenant and one of the roles the route needs. */
export function assertUserAllowed(principal: TUserPrincipal, spec: TUserAuth): void {
  if (!principal.tenant) throw new AppError('forbidden', 'Your account belongs to no tenant; ask an administrator to set your tenant attribute');
  if (spec.roles === 'any') return;
  if (!spec.roles.some((role) => principal.roles.includes(role))) {
    throw new AppError('forbidden', `This needs one of the roles: ${spec.roles.join(', ')}; you have: ${principal.roles.join(', ') || 'none'}`, { extensions: { requiredRoles: [...spec.roles] } });
  }
}
