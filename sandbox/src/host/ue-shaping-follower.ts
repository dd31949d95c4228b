/**
 * Keeps each emulated UE's shaping where the UE is: on every world update of a site, a UE whose
 * serving POA (or that POA's characteristics) changed gets the POA's network characteristics
 * (the world already merges the zone's with the POA's own); a UE out of every POA's range loses
 * everything. The network applies the changes of one update together; a failure is logged, not fatal.
 */
import type { TNetChar, TWorldSnapshot } from '@mecport/contracts/sandbox';
import type { Logger } from '@mecport/http';
import type { TSandboxNetwork } from '../isolation/sandbox-network';
import type { TSite } from '../site/site';

export const OUT_OF_RANGE: TNetChar = { latencyMs: 0, latencyVariationMs: 0, throughputDlMbps: 0, throughputUlMbps: 0, packetLossPct: 100 };

/** The characteristics each UE should have now, by address. */
export function desiredShaping(world: TWorldSnapshot): Map<string, TNetChar> {
  const poas = new Map(world.poas.map((poa) => [poa.id, poa]));
  const desired = new Map<string, TNetChar>();
  for (const ue of world.ues) {
    const poa = ue.poaId === null ? undefined : poas.get(ue.poaId);
    desired.set(ue.address, poa && poa.up ? poa.netChar : OUT_OF_RANGE);
  }
  return desired;
}

export function followUeShaping(site: TSite, network: TSandboxNetwork, log: Logger): () => void {
  if (!network.isolated) return () => undefined;
  const applied = new Map<string, string>();
  let following = true;
  const apply = (world: TWorldSnapshot): void => {
    for (const [address, netChar] of desiredShaping(world)) {
      const key = JSON.stringify(netChar);
      if (applied.get(address) === key) continue;
      applied.set(address, key);
      network.shapeUe(address, netChar).catch((error: unknown) => {
        applied.delete(address);
        if (following) log.warn({ err: error, sandboxId: site.sandboxId, address }, 'could not shape a UE');
      });
    }
  };
  const unsubscribe = site.subscribe((update) => {
    if (update.kind === 'world' && following) apply(update.world);
  });
  try {
    apply(site.world());
  } catch (error) {
    log.warn({ err: error, sandboxId: site.sandboxId }, 'could not read the world to shape the UEs');
  }
  return () => {
    following = false;
    unsubscribe();
  };
}
