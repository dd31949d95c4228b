import { describe, expect, it } from 'vitest';
import { BLOCK_COUNT, addressPlan, firstIndexFor } from './address-plan';

describe('addressPlan', () => {
  it('gives each block its own /30 and short device names', () => {
    const first = addressPlan('ab', 0);
    const last = addressPlan('ab', BLOCK_COUNT - 1);
    expect(first).toMatchObject({ siteAddress: '10.214.0.1', appSideAddress: '10.214.0.2', appNs: 'mecsb-ab-0', ueNs: 'mecsb-ab-0u' });
    expect(addressPlan('ab', 65)).toMatchObject({ siteAddress: '10.214.1.5', appSideAddress: '10.214.1.6' });
    expect(last).toMatchObject({ siteAddress: '10.214.255.253', appSideAddress: '10.214.255.254' });
    expect(last.rootDevice.length).toBeLessThanOrEqual(15);
  });

  it('refuses a block outside the range', () => {
    expect(() => addressPlan('ab', BLOCK_COUNT)).toThrow(/out of range/);
  });

  it('starts different sandboxes at different blocks, the same one at the same', () => {
    const one = firstIndexFor('11111111-1111-4111-8111-111111111111');
    expect(firstIndexFor('11111111-1111-4111-8111-111111111111')).toBe(one);
    expect(firstIndexFor('22222222-2222-4222-8222-222222222222')).not.toBe(one);
  });
});
