/**
 * The topology view's tree: node -> app instances -> the Mp1 services each instance registered.
 * Services whose instance the portal does not know (yet) hang under the node. Pure.
 *
 * @example
 *   topologyOf(detail)   // { instances: [{ id, appName, version, state, services: [{ serName, … }] }], otherServices: [] }
 */
import type { TNodeDetail } from '@mecport/contracts';

type TService = TNodeDetail['services'][number];
export interface TTopologyInstance { id: string; appId: string; appName: string; version: string; state: string; ready: boolean; services: TService[] }
export interface TTopology { instances: TTopologyInstance[]; otherServices: TService[] }

export function topologyOf(detail: Pick<TNodeDetail, 'instances' | 'services'>): TTopology {
  const byInstance = new Map<string, TService[]>();
  for (const s of detail.services) byInstance.set(s.appInstanceId, [...(byInstance.get(s.appInstanceId) ?? []), s]);
  const instances = detail.instances
    .map((i) => ({ id: i.appInstanceId, appId: i.appId, appName: i.appName, version: i.version, state: i.state, ready: i.ready, services: (byInstance.get(i.appInstanceId) ?? []).sort((a, b) => a.serName.localeCompare(b.serName)) }))
    .sort((a, b) => a.appName.localeCompare(b.appName) || a.id.localeCompare(b.id));
  const known = new Set(instances.map((i) => i.id));
  return { instances, otherServices: detail.services.filter((s) => !known.has(s.appInstanceId)) };
}
