/**
 * The sandbox API on the wire (issue 13), through the portal's real Hono app on loopback with a
 * sandbox host that speaks the control API (core's fake): roles and tenants, problems with their
 * reasons, "try it" with a path of several segments, the HAR attachment, the event stream, and the
 * OpenAPI document listing every route.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TRole } from '@mecport/contracts';
import type { TSandbox } from '@mecport/contracts/sandbox';
import { ZScenario } from '@mecport/contracts/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSandboxHost, type TFakeSandboxHost } from '../../../../packages/core/src/testing/fake-sandbox-host';
import { freshIdentity } from '../../../../packages/core/src/testing/identities';
import { startReliabilityStack, type TReliabilityStack } from '../testing/reliability-stack';

let stack: TReliabilityStack;
let host: TFakeSandboxHost;
let dir: string;

const campus = ZScenario.parse({
  id: 'campus', name: { en: 'Campus', 'zh-CN': '园区' }, description: { en: 'test', 'zh-CN': '测试' }, durationSec: 60, view: { center: [2.35, 48.85], zoom: 15 },
  domains: [{ id: 'op', name: 'Op', type: 'OPERATOR-CELLULAR', mcc: '001', mnc: '01', zones: [{ id: 'z1', name: 'Z1', pointsOfAccess: [{ id: 'p1', name: 'P1', type: 'POA-5G', location: [2.35, 48.85], radiusM: 500, cellId: '0000001' }] }] }],
  mecNodes: [{ id: 'mec1', name: 'MEC 1', location: [2.35, 48.85], zoneIds: ['z1'] }],
});

/** A token of a fresh person with `roles`, in `tenant` (a fresh one by default). */
async function tokenOf(roles: TRole[], tenant?: string): Promise<string> {
  const identity = freshIdentity(tenant ? { tenant } : {}, roles);
  return stack.issuer.sign({ sub: identity.subject, preferred_username: identity.username, tenant: identity.tenant, realm_access: { roles: identity.roles } });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'sandbox-routes-'));
  host = await startFakeSandboxHost({ scenarios: [campus], inboxDir: path.join(dir, 'inbox') });
  Object.assign(process.env, { MECPORT_SANDBOX_HOST_URL: host.url, MECPORT_SANDBOX_HOST_SECRET: host.secret, MECPORT_SANDBOX_HOST_DIR: dir, MECPORT_SANDBOX_QUOTA: '1' });
  stack = await startReliabilityStack();
});
afterAll(async () => {
  await stack.close();
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the sandbox routes', () => {
  it('answer 401 without a token, 403 to roles that may not, 404 to another tenant', async () => {
    expect((await fetch(`${stack.portal.url}/api/v1/sandboxes`)).status).toBe(401);
    const tenant = `t-${Math.random().toString(16).slice(2, 10)}`;
    const developer = await tokenOf(['developer'], tenant);
    expect((await stack.portal.call('POST', '/api/v1/sandboxes', await tokenOf(['operator'], tenant), { scenarioId: 'campus' })).status).toBe(403);
    expect((await stack.portal.call('GET', '/api/v1/sandboxes', await tokenOf(['operator'], tenant))).status).toBe(403);
    const created = await stack.portal.call<TSandbox>('POST', '/api/v1/sandboxes', developer, { scenarioId: 'campus', clock: 'virtual' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ scenarioId: 'campus', clock: 'virtual', status: 'ready' });
    const id = created.body.id;
    expect((await stack.portal.call('GET', `/api/v1/sandboxes/${id}`, await tokenOf(['operator'], tenant))).status).toBe(403);
    expect((await stack.portal.call('GET', `/api/v1/sandboxes/${id}`, await tokenOf(['store-admin'], tenant))).status).toBe(200);
    const stranger = await stack.portal.call<{ resource: string }>('GET', `/api/v1/sandboxes/${id}`, await tokenOf(['developer']));
    expect(stranger.status).toBe(404);
    expect(stranger.body.resource).toBe('sandbox');
    const over = await stack.portal.call<{ reason: string; limit: number }>('POST', '/api/v1/sandboxes', developer, { scenarioId: 'campus' });
    expect(over).toMatchObject({ status: 409, body: { reason: 'sandbox-quota-exceeded', limit: 1 } });
    expect((await stack.portal.call('DELETE', `/api/v1/sandboxes/${id}`, developer)).status).toBe(204);
  });

  it('pass "try it" with its whole path, the HAR as an attachment and the event stream', async () => {
    const developer = await tokenOf(['developer']);
    const { body: sandbox } = await stack.portal.call<TSandbox>('POST', '/api/v1/sandboxes', developer, { scenarioId: 'campus' });
    const tried = await fetch(`${stack.portal.url}/api/v1/sandboxes/${sandbox.id}/mec/location/v3/queries/users?address=acr:10.0.0.1`, { headers: { authorization: `Bearer ${developer}` } });
    expect(tried.status).toBe(200);
    expect(await tried.json()).toMatchObject({ echo: 'location/v3/queries/users?address=acr:10.0.0.1', method: 'GET' });
    const har = await fetch(`${stack.portal.url}/api/v1/sandboxes/${sandbox.id}/calls/har`, { headers: { authorization: `Bearer ${developer}` } });
    expect(har.headers.get('content-disposition')).toContain('attachment');
    expect(await har.json()).toMatchObject({ log: { version: '1.2' } });
    const stream = await fetch(`${stack.portal.url}/api/v1/sandboxes/${sandbox.id}/stream`, { headers: { authorization: `Bearer ${developer}` } });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    expect(await stream.text()).toContain('event: status');
    const run = await stack.portal.call<{ reason: string }>('POST', `/api/v1/sandboxes/${sandbox.id}/run`, developer, { seconds: 10 });
    expect(run).toMatchObject({ status: 409, body: { reason: 'sandbox-not-virtual' } });
  });

  it('are in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${stack.portal.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, { 'x-mecport-roles': string[] }>> };
    for (const p of ['/api/v1/sandbox-scenarios', '/api/v1/sandboxes/{sandboxId}/run', '/api/v1/sandboxes/{sandboxId}/mec/{path}', '/api/v1/store/apps/{appId}/experience']) expect(doc.paths[p], p).toBeDefined();
    expect(doc.paths['/api/v1/sandboxes']!.post!['x-mecport-roles']).toEqual(['developer', 'admin']);
    expect(Object.keys(doc.paths['/api/v1/sandboxes/{sandboxId}/mec/{path}']!).sort()).toEqual(['delete', 'get', 'patch', 'post', 'put']);
  });

  it('refuse a malformed scenario id and a NUL in a filter with 400 naming the field', async () => {
    const developer = await tokenOf(['developer']);
    const bad = await stack.portal.call<{ errors: { field: string }[] }>('GET', '/api/v1/sandbox-scenarios/Not_A_Uuid', developer);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.field)).toContain('scenarioId');
    const nul = await stack.portal.call<{ errors: { field: string; message: string }[] }>('GET', `/api/v1/sandboxes/00000000-0000-4000-8000-00000000dead/calls?q=${encodeURIComponent('a\u0000b')}`, developer);
    expect(nul.status).toBe(400);
    expect(nul.body.errors).toEqual([expect.objectContaining({ field: 'q', message: expect.stringContaining('NUL') })]);
    expect((await stack.portal.call('GET', '/api/v1/sandbox-scenarios/campus', developer)).status).toBe(200);
  });
});
