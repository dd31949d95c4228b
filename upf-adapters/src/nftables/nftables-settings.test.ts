import { describe, expect, it } from 'vitest';
import { createUpfAdapter } from '../create-upf-adapter';
import { NftablesAdapter } from './nftables-adapter';
import { ZNftablesSettings } from './nftables-settings';

const deps = { dataDir: '/tmp', env: {}, log: { info: () => undefined, warn: () => undefined, error: () => undefined } };

describe('nftables settings', () => {
  it('defaults to nft and ip on PATH, outside any namespace', () => {
    expect(ZNftablesSettings.parse({})).toEqual({ nftPath: 'nft', ipPath: 'ip' });
  });

  it('refuses an unknown key and a namespace name that is not one', () => {
    expect(ZNftablesSettings.safeParse({ netNs: 'x' }).success).toBe(false);
    expect(ZNftablesSettings.safeParse({ netns: 'a b; reboot' }).success).toBe(false);
  });

  it('createUpfAdapter builds the nftables adapter, and rejects bad settings naming the field', async () => {
    expect(await createUpfAdapter({ adapter: 'nftables', settings: { netns: 'edge' } }, deps)).toBeInstanceOf(NftablesAdapter);
    await expect(createUpfAdapter({ adapter: 'nftables', settings: { netns: '../x' } }, deps)).rejects.toThrow(/nftables data-plane settings: netns:/);
  });
});
