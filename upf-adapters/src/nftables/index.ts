/** The nftables data plane (see README.md, "nftables"). */
export { NftablesAdapter } from './nftables-adapter';
export { ZNftablesSettings, type TNftablesSettings } from './nftables-settings';
import { NftablesAdapter, type TNftLog } from './nftables-adapter';
import { ZNftablesSettings } from './nftables-settings';

/** Builds the adapter from a node's `dataPlane.settings`; rejects settings that do not validate, naming the field. */
export function createNftablesAdapter(settings: Record<string, string>, deps: { log: TNftLog }): NftablesAdapter {
  const parsed = ZNftablesSettings.safeParse(settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`nftables data-plane settings: ${issue?.path.join('.') || '(settings)'}: ${issue?.message ?? 'invalid'}`);
  }
  return new NftablesAdapter(parsed.data, deps.log);
}
