/**
 * What the schema alone cannot say about a scenario: ids are unique where they are looked up,
 * MEC nodes name zones that exist (each zone served by one node at most), UE addresses (the
 * groups' ranges included) do not collide, and scripted events name a target of the right kind
 * with the params their kind takes.
 */
import { SCENARIO_EVENT_PARAMS, type TScenario } from '@mecport/contracts/sandbox';
import { memberAddress, memberId } from '../engine/group-members';
import { fieldPath } from './scenario-error';

export interface TFieldIssue { field: string; message: string }

function duplicates(entries: { id: string; field: string }[], what: string): TFieldIssue[] {
  const seen = new Set<string>();
  return entries.flatMap(({ id, field }) => {
    if (!seen.has(id)) { seen.add(id); return []; }
    return [{ field, message: `${what} "${id}" appears twice` }];
  });
}

function ueIdsAndAddresses(scenario: TScenario): TFieldIssue[] {
  const ids = scenario.ues.map((ue, u) => ({ id: ue.id, field: `ues[${u}].id` }));
  const addresses = scenario.ues.map((ue, u) => ({ id: ue.address, field: `ues[${u}].address` }));
  const issues: TFieldIssue[] = [];
  scenario.ueGroups.forEach((group, g) => {
    if (memberAddress(group, group.count - 1) === null) issues.push({ field: `ueGroups[${g}].firstAddress`, message: `${group.count} addresses from ${group.firstAddress} run past 255.255.255.255` });
    for (let i = 0; i < group.count; i++) {
      ids.push({ id: memberId(group, i), field: `ueGroups[${g}].idPrefix` });
      addresses.push({ id: memberAddress(group, i) ?? '', field: `ueGroups[${g}].firstAddress` });
    }
  });
  return [...issues, ...firstPerField(duplicates(ids, 'UE'), 'UE ids'), ...firstPerField(duplicates(addresses.filter((a) => a.id !== ''), 'address'), 'addresses')];
}

/** A group colliding with another reports once, not once per member. */
function firstPerField(issues: TFieldIssue[], what: string): TFieldIssue[] {
  const byField = new Map<string, TFieldIssue[]>();
  for (const issue of issues) byField.set(issue.field, [...(byField.get(issue.field) ?? []), issue]);
  return [...byField.values()].map((list) => (list.length === 1 ? list[0]! : { field: list[0]!.field, message: `${list[0]!.message} (and ${list.length - 1} more ${what})` }));
}

function zonesAndNodes(scenario: TScenario): TFieldIssue[] {
  const zones = scenario.domains.flatMap((domain, d) => domain.zones.map((zone, z) => ({ id: zone.id, field: `domains[${d}].zones[${z}].id` })));
  const poas = scenario.domains.flatMap((domain, d) => domain.zones.flatMap((zone, z) => zone.pointsOfAccess.map((poa, p) => ({ id: poa.id, field: `domains[${d}].zones[${z}].pointsOfAccess[${p}].id` }))));
  const zoneIds = new Set(zones.map((z) => z.id));
  const servedBy = new Map<string, string>();
  const nodeIssues = scenario.mecNodes.flatMap((node, n) => node.zoneIds.flatMap((zoneId, i): TFieldIssue[] => {
    const field = `mecNodes[${n}].zoneIds[${i}]`;
    if (!zoneIds.has(zoneId)) return [{ field, message: `no zone "${zoneId}"` }];
    const other = servedBy.get(zoneId);
    servedBy.set(zoneId, node.id);
    return other === undefined ? [] : [{ field, message: `zone "${zoneId}" is already served by MEC node "${other}"` }];
  }));
  return [
    ...duplicates(scenario.domains.map((d, i) => ({ id: d.id, field: `domains[${i}].id` })), 'domain'),
    // set-network names a zone or a POA by id: the two share one name space.
    ...duplicates([...zones, ...poas], 'zone or point of access'),
    ...duplicates(scenario.mecNodes.map((m, i) => ({ id: m.id, field: `mecNodes[${i}].id` })), 'MEC node'),
    ...nodeIssues,
  ];
}

function events(scenario: TScenario): TFieldIssue[] {
  const ueIds = new Set([...scenario.ues.map((u) => u.id), ...scenario.ueGroups.flatMap((g) => Array.from({ length: g.count }, (_, i) => memberId(g, i)))]);
  const poaIds = new Set(scenario.domains.flatMap((d) => d.zones.flatMap((z) => z.pointsOfAccess.map((p) => p.id))));
  const zoneIds = new Set(scenario.domains.flatMap((d) => d.zones.map((z) => z.id)));
  return scenario.events.flatMap((event, e): TFieldIssue[] => {
    const issues: TFieldIssue[] = [];
    const targets = event.kind === 'move-ue' || event.kind === 'set-ue-speed' ? ['UE', ueIds] as const
      : event.kind === 'set-network' ? ['zone or point of access', new Set([...zoneIds, ...poaIds])] as const
      : ['point of access', poaIds] as const;
    if (!targets[1].has(event.target)) issues.push({ field: `events[${e}].target`, message: `no ${targets[0]} "${event.target}"` });
    const params = SCENARIO_EVENT_PARAMS[event.kind].safeParse(event.params);
    if (!params.success) issues.push(...params.error.issues.map((i) => ({ field: fieldPath(['events', e, 'params', ...i.path]), message: i.message })));
    if (event.atSec > scenario.durationSec) issues.push({ field: `events[${e}].atSec`, message: `after the scenario's end (${scenario.durationSec} s)` });
    return issues;
  });
}

export function checkReferences(scenario: TScenario): TFieldIssue[] {
  return [...zonesAndNodes(scenario), ...ueIdsAndAddresses(scenario), ...events(scenario)];
}
