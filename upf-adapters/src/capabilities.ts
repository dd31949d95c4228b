/**
 * What each data plane can express, without loading the adapter: the portal's dry run reads this
 * (packages/core may import this module, never an adapter's code).
 */
import type { TAdapterCapabilities, TUpfAdapterKind } from './upf-adapter';

const ALL_ACTIONS = ['DROP', 'FORWARD_DECAPSULATED', 'FORWARD_ENCAPSULATED', 'PASSTHROUGH', 'DUPLICATE_DECAPSULATED', 'DUPLICATE_ENCAPSULATED'] as const;
const ALL_FIELDS = ['srcAddress', 'dstAddress', 'srcPort', 'dstPort', 'protocol', 'token', 'srcTunnelAddress', 'tgtTunnelAddress', 'srcTunnelPort', 'dstTunnelPort', 'qCI', 'dSCP', 'tC'] as const;

const CAPABILITIES: Record<TUpfAdapterKind, TAdapterCapabilities> = {
  memory: { kind: 'memory', trafficActions: ALL_ACTIONS, filterFields: ALL_FIELDS, dns: true },
  // A Linux host: IP 5-tuple and DSCP; no GTP-U tunnel fields, QCI or tokens (they live in the 5G core).
  nftables: { kind: 'nftables', trafficActions: ALL_ACTIONS, filterFields: ['srcAddress', 'dstAddress', 'srcPort', 'dstPort', 'protocol', 'dSCP'], dns: false },
  // TS 29.522 traffic influence steers (routes to a DNAI) or not; it cannot drop or mirror. A
  // flow's ToS/Traffic Class (FlowInfo.tosTC) carries DSCP or TC; DNS rules go as EAS deployment info.
  nef: { kind: 'nef', trafficActions: ['FORWARD_DECAPSULATED', 'FORWARD_ENCAPSULATED', 'PASSTHROUGH'], filterFields: ['srcAddress', 'dstAddress', 'srcPort', 'dstPort', 'protocol', 'dSCP', 'tC'], dns: true },
  // CAMARA Traffic Influence v0.10: an intent per app and zone, optionally per device (a single UE
  // address), with one source port, destination port and protocol. The platform picks the app's
  // instance in the zone, so no destination address; PASSTHROUGH is the default routing (no intent).
  camara: { kind: 'camara', trafficActions: ['FORWARD_DECAPSULATED', 'FORWARD_ENCAPSULATED', 'PASSTHROUGH'], filterFields: ['srcAddress', 'srcPort', 'dstPort', 'protocol'], dns: false },
};

export function capabilitiesOf(kind: TUpfAdapterKind): TAdapterCapabilities {
  return CAPABILITIES[kind];
}
