/**
 * Named auth wrappers, one per caller kind, declared where a route is defined:
 * `withUser({ roles: ['operator'] })`, `withUser({ roles: 'any' })`, `publicAccess()`.
 * `withAgent()` is for MEP agents: a JWT the agent signs with its enrolled key; a route with a
 * `nodeId` path parameter only accepts the agent of that node. Peer stores get their own later.
 */
import { AppError, type TRole } from '@mecport/contracts';
import type { TUserPrincipal } from './token-verifier';

export interface TUserAuth { kind: 'user'; roles: readonly TRole[] | 'any' }
export interface TPublicAuth { kind: 'public' }
export interface TAgentAuth { kind: 'agent' }
export type TAuthSpec = TUserAuth | TPublicAuth | TAgentAuth;

/** The node an agent's credentials belong to. */
export interface TAgentPrincipal { nodeId: string; tenantId: string }

export function withUser(options: { roles: readonly TRole[] | 'any' }): TUserAuth {
  return { kind: 'user', roles: options.roles };
}

export function publicAccess(): TPublicAuth {
  return { kind: 'public' };
}

export function withAgent(): TAgentAuth {
  return { kind: 'agent' };
}

/** A node's credentials never reach another node's resources. */
export function assertAgentOwnsNode(agent: TAgentPrincipal, params: unknown): void {
  const nodeId = (params as { nodeId?: unknown } | undefined)?.nodeId;
  if (nodeId !== undefined && nodeId !== agent.nodeId) throw new AppError('forbidden', 'These node credentials belong to another node');
}

/** 403 unless the principal has a tenant and one of the roles the route needs. */
export function assertUserAllowed(principal: TUserPrincipal, spec: TUserAuth): void {
  if (!principal.tenant) throw new AppError('forbidden', 'Your account belongs to no tenant; ask an administrator to set your tenant attribute');
  if (spec.roles === 'any') return;
  if (!spec.roles.some((role) => principal.roles.includes(role))) {
    throw new AppError('forbidden', `This needs one of the roles: ${spec.roles.join(', ')}; you have: ${principal.roles.join(', ') || 'none'}`, { extensions: { requiredRoles: [...spec.roles] } });
  }
}
