/** The API conventions of issue 2, checked over every route the OpenAPI document lists. */
import { Validator } from '@seriousme/openapi-schema-validator';
import type { TMe } from '@mecport/contracts';
import { enrolTestAgent } from '../support/agent';
import { call, expectAuthMatrix, expectProblem, expectTenantIsolation } from '../support/auth-matrix';
import { expect, test } from '../support/fixtures';
import { concretePath, fetchOpenApi, operationsOf } from '../support/openapi';
import { tokenFor } from '../support/tokens';

test('GET /api/v1/me answers 401 problem+json without a token', async ({ request }) => {
  const problem = await expectProblem(await request.get('/api/v1/me'), 401);
  expect(problem.type).toBe('urn:mecport:problem:unauthenticated');
  expect(problem.detail).toContain('Bearer');
});

test('GET /api/v1/me answers the operator with role and tenant for a CLI token', async ({ request }) => {
  const response = await call(request, { method: 'GET', path: '/api/v1/me' }, await tokenFor('operator'));
  expect(response.status()).toBe(200);
  const me = (await response.json()) as TMe;
  expect(me.roles).toEqual(['operator']);
  expect(me.username).toBe('operator');
  expect(me.tenant.slug).toBe('acme-mobile');
  expect(me.tenant.name).toBe('Acme Mobile');
});

// The route files are gone (every route declaration is served by apps/api, whose unit test
// served-routes.test.ts holds the table against this document); here: every documented operation
// is answered by its route, not by the unknown-path 404.
test('/api/openapi.json is valid OpenAPI 3.1 and every documented operation is served', async ({ request }) => {
  const doc = await fetchOpenApi(request);
  const result = await new Validator().validate(doc as unknown as Parameters<Validator['validate']>[0]);
  expect(result.errors ?? [], 'OpenAPI validation errors').toEqual([]);
  expect(result.valid).toBe(true);
  expect(doc.openapi).toMatch(/^3\.1\./);
  const documented = Object.keys(doc.paths);
  for (const op of operationsOf(doc)) {
    const response = await call(request, { method: op.method, path: concretePath(op.path) });
    const body = response.headers()['content-type']?.includes('json') ? ((await response.json()) as { detail?: string }) : {};
    expect(body.detail ?? '', `${op.method} ${op.path} is served`).not.toContain('No API route');
  }
  expect(documented).toEqual(expect.arrayContaining(['/api/health', '/api/v1/me', '/api/v1/me/preferences']));
});

test('every documented route enforces the roles it declares', async ({ request }) => {
  const operations = operationsOf(await fetchOpenApi(request));
  expect(operations.length).toBeGreaterThan(3);
  const agent = await enrolTestAgent(request);
  for (const op of operations) {
    const allowed = op.roles.includes('public') ? 'public' : op.roles.includes('edge agent') ? 'agent' : op.roles.includes('any signed-in user') ? 'any' : (op.roles as never[]);
    // Agent paths name another node with otherwise valid parameters (a sha256 is no uuid), so 403 is about the node alone.
    // A path without a node (rule-states: the instances in the body say the node) has no other node to refuse here;
    // its own integration test refuses another node's instance (apps/api/src/routes/edge-rules.integration.test.ts).
    const otherNodeToken = allowed === 'agent' && op.path.includes('{nodeId}') ? await agent.token() : undefined;
    const path = allowed === 'agent' ? concretePath(op.path.replace(/\{(?!nodeId\})[^}]+\}/g, '0'.repeat(64))) : concretePath(op.path);
    await expectAuthMatrix(request, { method: op.method, path, allowed, body: op.bodySchema ? {} : undefined, otherNodeToken });
  }
});

test('a malformed request to any route answers 400 problem+json naming the field', async ({ request }) => {
  const admin = await tokenFor('admin');
  const agent = await enrolTestAgent(request);
  let checked = 0;
  for (const op of operationsOf(await fetchOpenApi(request))) {
    const isAgentRoute = op.roles.includes('edge agent');
    // An agent reaches only its own node's paths, so its cases name its node.
    const concrete = (p: string) => (isAgentRoute ? p.replace('{nodeId}', agent.nodeId).replace(/\{[^}]+\}/g, '0'.repeat(64)) : concretePath(p));
    const pathParam = op.parameters.find((p) => p.in === 'path');
    const queryParam = op.parameters.find((p) => p.in === 'query' && (p.schema.type === 'integer' || p.schema.enum || p.schema.pattern));
    const cases: { path: string; body?: unknown; field: string }[] = [];
    // A value no path parameter takes: no UUID, no slug (upper case), no number.
    if (pathParam) cases.push({ path: concretePath(op.path, 'Not_A_Uuid'), field: pathParam.name });
    if (queryParam) cases.push({ path: `${concrete(op.path)}?${queryParam.name}=!!bad!!`, field: queryParam.name });
    if (op.bodySchema?.required?.length) cases.push({ path: concrete(op.path), body: {}, field: op.bodySchema.required[0]! });
    for (const c of cases) {
      const token = op.roles.includes('public') ? undefined : isAgentRoute ? await agent.token() : admin;
      const problem = await expectProblem(await call(request, { method: op.method, path: c.path, body: c.body ?? (op.bodySchema ? {} : undefined) }, token), 400);
      expect(problem.errors?.map((e) => e.field), `${op.method} ${c.path}`).toContain(c.field);
      expect(problem.detail).toContain(c.field);
      checked += 1;
    }
  }
  expect(checked).toBeGreaterThanOrEqual(3);
});

/** Whether an OpenAPI property schema takes a string (plain, nullable, or one of a union). */
function takesString(schema: unknown): boolean {
  if (!schema || typeof schema !== 'object') return false;
  const s = schema as { type?: unknown; anyOf?: unknown[]; oneOf?: unknown[] };
  if (s.type === 'string' || (Array.isArray(s.type) && s.type.includes('string'))) return true;
  return [...(s.anyOf ?? []), ...(s.oneOf ?? [])].some(takesString);
}

test('a NUL character in any string query parameter or body field answers 400 naming it, never 500', async ({ request }) => {
  const admin = await tokenFor('admin');
  const agent = await enrolTestAgent(request);
  const NUL = 'ab\u0000cd';
  const checked: string[] = [];
  for (const op of operationsOf(await fetchOpenApi(request))) {
    const isAgentRoute = op.roles.includes('edge agent');
    const base = isAgentRoute ? op.path.replace('{nodeId}', agent.nodeId).replace(/\{[^}]+\}/g, '0'.repeat(64)) : concretePath(op.path);
    const cases: { path: string; body?: unknown; field: string }[] = [];
    for (const p of op.parameters.filter((q) => q.in === 'query' && takesString(q.schema))) cases.push({ path: `${base}?${p.name}=${encodeURIComponent(NUL)}`, field: p.name });
    for (const [name, schema] of Object.entries(op.bodySchema?.properties ?? {})) if (takesString(schema)) cases.push({ path: base, body: { [name]: NUL }, field: name });
    for (const c of cases) {
      const token = op.roles.includes('public') ? undefined : isAgentRoute ? await agent.token() : admin;
      const problem = await expectProblem(await call(request, { method: op.method, path: c.path, body: c.body ?? (op.bodySchema ? {} : undefined) }, token), 400);
      expect(problem.errors, `${op.method} ${c.path} ${JSON.stringify(c.body ?? '')}`).toEqual([expect.objectContaining({ field: c.field, message: expect.stringContaining('NUL') })]);
      checked.push(`${op.method} ${op.path} ${c.field}`);
    }
  }
  // Among them the routes a NUL once took to 500: the store search, node lists, app and node PATCH, comments, CSV import.
  expect(checked).toEqual(expect.arrayContaining([
    'GET /api/v1/store/apps q', 'GET /api/v1/edge/nodes q', 'GET /api/v1/edge/map/nodes q', 'PATCH /api/v1/apps/{appId} name',
    'PATCH /api/v1/edge/nodes/{nodeId} name', 'POST /api/v1/store/apps/{appId}/comments body', 'POST /api/v1/edge/nodes/import content',
  ]));
});

test('a body that is not JSON, or has the wrong type, is refused clearly', async ({ request }) => {
  const token = await tokenFor('developer');
  const notJson = await request.fetch('/api/v1/me/preferences', { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, data: Buffer.from('{"locale":'), failOnStatusCode: false });
  expect((await expectProblem(notJson, 400)).detail).toContain('not valid JSON');
  const wrongType = await request.fetch('/api/v1/me/preferences', { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' }, data: 'locale=en', failOnStatusCode: false });
  await expectProblem(wrongType, 415);
  const badLocale = await call(request, { method: 'PUT', path: '/api/v1/me/preferences', body: { locale: 'fr' } }, token);
  expect((await expectProblem(badLocale, 400)).errors?.[0]?.field).toBe('locale');
});

test('unknown API paths answer 404 problem+json; every response has a request id', async ({ request }) => {
  await expectProblem(await request.get('/api/v1/no-such-thing'), 404);
  const page = await request.get('/');
  expect(page.headers()['x-request-id']).toMatch(/.{8,}/);
  const health = await request.get('/api/health');
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: 'up', checks: { database: { status: 'up' } } });
});

test('preferences change is audited, and audit events stay inside their tenant', async ({ request }) => {
  const developer = await tokenFor('developer');
  const changed = await call(request, { method: 'PUT', path: '/api/v1/me/preferences', body: { locale: 'zh-CN' } }, developer);
  expect(changed.status()).toBe(200);
  expect(((await changed.json()) as TMe).locale).toBe('zh-CN');
  const me = (await (await call(request, { method: 'GET', path: '/api/v1/me' }, developer)).json()) as TMe;
  expect(me.locale).toBe('zh-CN');
  await call(request, { method: 'PUT', path: '/api/v1/me/preferences', body: { locale: 'en' } }, developer);

  const page = await call(request, { method: 'GET', path: '/api/v1/audit-events?action=profile.preferences.update&limit=1' }, await tokenFor('admin'));
  expect(page.status()).toBe(200);
  const { items, nextCursor } = (await page.json()) as { items: { id: string; action: string; actor: { subject: string } }[]; nextCursor: string | null };
  expect(items).toHaveLength(1);
  expect(items[0]!.action).toBe('profile.preferences.update');
  expect(nextCursor, 'two changes were made, so a second page exists').not.toBeNull();
  const second = await call(request, { method: 'GET', path: `/api/v1/audit-events?action=profile.preferences.update&limit=1&cursor=${nextCursor}` }, await tokenFor('admin'));
  const secondItems = ((await second.json()) as { items: { id: string }[] }).items;
  expect(secondItems[0]?.id).not.toBe(items[0]!.id);
  await expectTenantIsolation(request, { path: `/api/v1/audit-events/${items[0]!.id}`, owner: 'admin', stranger: 'globex-admin' });
  const foreignList = await call(request, { method: 'GET', path: '/api/v1/audit-events?action=profile.preferences.update' }, await tokenFor('globex-admin'));
  expect(((await foreignList.json()) as { items: { id: string }[] }).items.map((i) => i.id)).not.toContain(items[0]!.id);
});
