/**
 * The authorization matrix every route must pass, reusable by every later issue:
 *   no token -> 401, a bad token -> 401, a role the route does not allow -> 403,
 *   an allowed role -> neither, and another tenant's object -> 404.
 *
 * @example
 * await expectAuthMatrix(request, { method: 'GET', path: '/api/v1/audit-events', allowed: ['admin'] });
 * await expectTenantIsolation(request, { path: `/api/v1/audit-events/${id}`, owner: 'admin', stranger: 'globex-admin' });
 */
import { ROLES, type TProblem, type TRole } from '@mecport/contracts';
import { expect, type APIRequestContext, type APIResponse } from '@playwright/test';
import { tokenFor } from './tokens';

export interface TMatrixCase {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** Roles the route allows, or 'any' signed-in user; 'public' needs no token at all; 'agent' only node credentials. */
  allowed: readonly TRole[] | 'any' | 'public' | 'agent';
  body?: unknown;
  /** For 'agent' routes: a token of a node the path does not name, which must get 403. */
  otherNodeToken?: string;
}

/** The demo user holding exactly `role` in the first tenant (acme-mobile) or the second (globex-telecom). */
export function userFor(role: TRole, tenant: 'acme' | 'globex' = 'acme'): string {
  return tenant === 'acme' ? role : `globex-${role}`;
}

export async function call(request: APIRequestContext, c: Pick<TMatrixCase, 'method' | 'path' | 'body'>, token?: string): Promise<APIResponse> {
  return request.fetch(c.path, {
    method: c.method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(c.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    data: c.body === undefined ? undefined : JSON.stringify(c.body),
    failOnStatusCode: false,
  });
}

export async function expectProblem(response: APIResponse, status: number): Promise<TProblem> {
  expect(response.status(), `${response.url()} status`).toBe(status);
  expect(response.headers()['content-type']).toContain('application/problem+json');
  const problem = (await response.json()) as TProblem;
  expect(problem.status).toBe(status);
  expect(problem.requestId).toBe(response.headers()['x-request-id']);
  return problem;
}

export async function expectAuthMatrix(request: APIRequestContext, c: TMatrixCase): Promise<void> {
  const label = `${c.method} ${c.path}`;
  if (c.allowed === 'public') {
    expect((await call(request, c)).status(), `${label} without a token`).not.toBe(401);
    return;
  }
  await expectProblem(await call(request, c), 401);
  await expectProblem(await call(request, c, 'not-a-jwt'), 401);
  if (c.allowed === 'agent') {
    // A user's access token is no node credential, whatever its roles.
    for (const role of ROLES) await expectProblem(await call(request, c, await tokenFor(userFor(role))), 401);
    if (c.otherNodeToken) await expectProblem(await call(request, c, c.otherNodeToken), 403);
    return;
  }
  for (const role of ROLES) {
    const response = await call(request, c, await tokenFor(userFor(role)));
    const allowed = c.allowed === 'any' || c.allowed.includes(role);
    if (allowed) expect([401, 403], `${label} as ${role} must be allowed`).not.toContain(response.status());
    else await expectProblem(response, 403);
  }
}

export async function expectTenantIsolation(request: APIRequestContext, c: { path: string; owner: string; stranger: string; method?: TMatrixCase['method']; body?: unknown }): Promise<void> {
  const target = { method: c.method ?? 'GET', path: c.path, body: c.body };
  expect((await call(request, target, await tokenFor(c.owner))).status(), `${c.path} for its own tenant`).toBeLessThan(300);
  await expectProblem(await call(request, target, await tokenFor(c.stranger)), 404);
}
