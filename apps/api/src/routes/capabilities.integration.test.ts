/**
 * The capability catalog on the wire (issue 13), through the portal's real Hono app on loopback:
 * any signed-in user reads the list, a capability and an official spec; only store admins curate
 * (403 for the others); an unknown id is 404.
 */
import type { TCapabilityCuration, TCapabilityDetail, TCapabilityPage, TRole } from '@mecport/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshIdentity } from '../../../../packages/core/src/testing/identities';
import { startReliabilityStack, type TReliabilityStack } from '../testing/reliability-stack';

let stack: TReliabilityStack;
beforeAll(async () => { stack = await startReliabilityStack(); });
afterAll(() => stack.close());

async function tokenOf(role: TRole): Promise<string> {
  const identity = freshIdentity({}, [role]);
  return stack.issuer.sign({ sub: identity.subject, preferred_username: identity.username, tenant: identity.tenant, realm_access: { roles: identity.roles } });
}

const uncurated = { featured: false, hidden: false, deprecated: false, descriptionEn: '', descriptionZh: '' };

describe('the capabilities API', () => {
  it('lets any signed-in user read the catalog, a capability and its official spec', async () => {
    const tester = await tokenOf('tester');
    const page = await stack.portal.call<TCapabilityPage>('GET', '/api/v1/capabilities?kind=platform&q=MEC%20013', tester);
    expect(page.status).toBe(200);
    expect(page.body.items.map((c) => c.name)).toEqual(['location']);
    const detail = await stack.portal.call<TCapabilityDetail>('GET', `/api/v1/capabilities/${page.body.items[0]!.id}`, tester);
    expect(detail.status).toBe(200);
    expect(detail.body.specs.map((s) => s.id)).toEqual(['mec013-location']);
    const spec = await stack.portal.call<{ openapi: string; info: { version: string } }>('GET', '/api/v1/capability-specs/mec013-location', tester);
    expect([spec.status, spec.body.openapi, spec.body.info.version]).toEqual([200, '3.1.0', '2.2.1']);
    expect((await stack.portal.call('GET', '/api/v1/capabilities/00000000-0000-4000-8000-00000000dead', tester)).status).toBe(404);
    expect((await stack.portal.call('GET', '/api/v1/capability-specs/mec099-nothing', tester)).status).toBe(400);
  });

  it('lets store admins curate and refuses everyone else with 403', async () => {
    const list = await stack.portal.call<TCapabilityPage>('GET', '/api/v1/capabilities?kind=platform', await tokenOf('developer'));
    const bwm = list.body.items.find((c) => c.name === 'bwm')!;
    for (const role of ['developer', 'tester', 'operator'] as const) {
      expect((await stack.portal.call('PUT', `/api/v1/capabilities/${bwm.id}/curation`, await tokenOf(role), uncurated)).status, role).toBe(403);
    }
    const saved = await stack.portal.call<TCapabilityCuration>('PUT', `/api/v1/capabilities/${bwm.id}/curation`, await tokenOf('store-admin'), { ...uncurated, descriptionZh: '带宽' });
    expect([saved.status, saved.body.descriptionZh]).toEqual([200, '带宽']);
    const after = await stack.portal.call<TCapabilityDetail>('GET', `/api/v1/capabilities/${bwm.id}`, await tokenOf('developer'));
    expect(after.body.descriptionZh).toBe('带宽');
    expect((await stack.portal.call('PUT', `/api/v1/capabilities/${bwm.id}/curation`, await tokenOf('admin'), uncurated)).status).toBe(200);
  });
});
