/**
 * A traffic filter in words, as the flows of a dry run print it:
 * `UDP 10.45.0.0/16 → 198.51.100.0/24:5000`, `TCP any → [2001:db8::/32]:443`, `all traffic`.
 */
import type { TTrafficRule } from '@mecport/contracts/mec011';

type TTrafficFilter = TTrafficRule['trafficFilter'][number];

const present = (values: string[] | undefined): values is string[] => values !== undefined && values.length > 0;
const oneOrSome = (values: string[]) => (values.length === 1 ? values[0]! : `{${values.join(', ')}}`);

/** One end of a flow: its addresses and ports (`10.0.0.0/24:5000`, `[2001:db8::1]:443`, `port 53`, `any`). */
function endpoint(addresses: string[] | undefined, ports: string[] | undefined): string {
  if (!present(addresses)) return present(ports) ? `port ${oneOrSome(ports)}` : 'any';
  const shown = addresses.length === 1 && addresses[0]!.includes(':') && present(ports) ? `[${addresses[0]}]` : oneOrSome(addresses);
  return present(ports) ? `${shown}:${oneOrSome(ports)}` : shown;
}

export function filterWords(filter: TTrafficFilter): string {
  const marks = [
    filter.qCI !== undefined ? `QCI ${filter.qCI}` : '',
    filter.dSCP !== undefined ? `DSCP ${filter.dSCP}` : '',
    filter.tC !== undefined ? `TC ${filter.tC}` : '',
    present(filter.tgtTunnelAddress) ? `tunnel to ${oneOrSome(filter.tgtTunnelAddress)}` : '',
    present(filter.srcTunnelAddress) ? `tunnel from ${oneOrSome(filter.srcTunnelAddress)}` : '',
    present(filter.token) ? `token ${oneOrSome(filter.token)}` : '',
  ].filter(Boolean);
  const hasEnds = [filter.srcAddress, filter.dstAddress, filter.srcPort, filter.dstPort].some(present);
  const protocol = present(filter.protocol) ? filter.protocol.map((p) => p.toUpperCase()).join('/') : '';
  if (!hasEnds && !protocol) return marks.length > 0 ? `all traffic (${marks.join(', ')})` : 'all traffic';
  const flow = `${protocol ? `${protocol} ` : ''}${endpoint(filter.srcAddress, filter.srcPort)} → ${endpoint(filter.dstAddress, filter.dstPort)}`;
  return marks.length > 0 ? `${flow} (${marks.join(', ')})` : flow;
}

/** A rule's filters are alternatives: `a and b` reads as "both of these flows". */
export function ruleFlowWords(rule: TTrafficRule): string {
  return rule.trafficFilter.length === 0 ? 'all traffic' : rule.trafficFilter.map(filterWords).join(' and ');
}
