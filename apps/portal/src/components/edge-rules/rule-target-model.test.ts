import type { TAppInstance } from '@mecport/contracts';
import { describe, expect, it } from 'vitest';
import { appsOnNodes, emptyTarget, scopeNodeIds, instancesOnNodes, isLabelSelector, nodeIdsFromQuery, rulesHref, selectionFromTarget } from './rule-target-model';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('rule target', () => {
  it('makes a nodes selection once nodes and an app are chosen', () => {
    expect(selectionFromTarget(emptyTarget()).error).toBe('noNodes');
    expect(selectionFromTarget(emptyTarget([id(1)])).error).toBe('noApp');
    expect(selectionFromTarget({ ...emptyTarget([id(1)]), appId: id(9) })).toEqual({ selection: { kind: 'nodes', nodeIds: [id(1)], appId: id(9) }, error: null });
  });

  it('makes instances, group and label selections, naming what is missing', () => {
    expect(selectionFromTarget({ ...emptyTarget(), kind: 'instances' }).error).toBe('noInstances');
    expect(selectionFromTarget({ ...emptyTarget(), kind: 'instances', appInstanceIds: [id(3)] }).selection).toEqual({ kind: 'instances', appInstanceIds: [id(3)] });
    expect(selectionFromTarget({ ...emptyTarget(), kind: 'group', appId: id(9) }).error).toBe('noGroup');
    expect(selectionFromTarget({ ...emptyTarget(), kind: 'group', groupId: id(5), appId: id(9) }).selection).toEqual({ kind: 'group', groupId: id(5), appId: id(9) });
    expect(selectionFromTarget({ ...emptyTarget(), kind: 'labels', selector: 'tier', appId: id(9) }).error).toBe('selector');
    expect(selectionFromTarget({ ...emptyTarget(), kind: 'labels', selector: ' tier=gold,site=campus ', appId: id(9) }).selection).toEqual({ kind: 'labels', selector: 'tier=gold,site=campus', appId: id(9) });
  });

  it('checks label selectors', () => {
    expect(isLabelSelector('a=b')).toBe(true);
    expect(isLabelSelector('a=b,')).toBe(false);
    expect(isLabelSelector('a b=c')).toBe(false);
  });

  it('lists the apps on the picked nodes with their node counts, by name', () => {
    const nodes = [{ id: id(1), appIds: [id(8), id(9)] }, { id: id(2), appIds: [id(9)] }, { id: id(3), appIds: [id(7)] }];
    expect(appsOnNodes(nodes, [id(1), id(2)], new Map([[id(8), 'Zed'], [id(9), 'Alpha']]))).toEqual([{ appId: id(9), name: 'Alpha', nodes: 2 }, { appId: id(8), name: 'Zed', nodes: 1 }]);
  });

  it('lists the live instances on the picked nodes, of one app when asked', () => {
    const inst = (n: number, nodeId: string, appId: string, desiredState: TAppInstance['desiredState'] = 'RUNNING') => ({ id: id(n), nodeId, appId, desiredState }) as TAppInstance;
    const all = [inst(20, id(1), id(9)), inst(21, id(2), id(9)), inst(22, id(1), id(8)), inst(23, id(1), id(9), 'REMOVED')];
    expect(instancesOnNodes(all, [id(1)]).map((i) => i.id)).toEqual([id(20), id(22)]);
    expect(instancesOnNodes(all, [id(1)], id(9)).map((i) => i.id)).toEqual([id(20)]);
    expect(instancesOnNodes(all, []).length).toBe(3);
  });

  it('links from the map and reads the link back, dropping junk', () => {
    expect(rulesHref([id(1), id(2)])).toBe(`/edge-map/rules?nodeIds=${id(1)},${id(2)}`);
    expect(rulesHref([])).toBe('/edge-map/rules');
    expect(nodeIdsFromQuery(`${id(1)},x,${id(1)}, ${id(2)}`)).toEqual([id(1), id(2)]);
    expect(nodeIdsFromQuery(null)).toEqual([]);
  });

  it('finds the nodes in scope of each kind, with the app when one is chosen', () => {
    const nodes: { id: string; groupId: string | null; labels: Record<string, string>; appIds: string[] }[] = [
      { id: id(1), groupId: id(5), labels: { tier: 'gold', site: 'a' }, appIds: [id(9)] },
      { id: id(2), groupId: id(5), labels: { tier: 'gold' }, appIds: [] },
      { id: id(3), groupId: null, labels: { tier: 'silver' }, appIds: [id(9)] },
    ];
    const instances = [{ id: id(20), nodeId: id(3) }];
    expect(scopeNodeIds({ ...emptyTarget([id(1), id(2)]), appId: id(9) }, nodes, instances)).toEqual([id(1)]);
    expect(scopeNodeIds({ ...emptyTarget(), kind: 'group', groupId: id(5) }, nodes, instances)).toEqual([id(1), id(2)]);
    expect(scopeNodeIds({ ...emptyTarget(), kind: 'labels', selector: 'tier=gold,site=a' }, nodes, instances)).toEqual([id(1)]);
    expect(scopeNodeIds({ ...emptyTarget(), kind: 'labels', selector: 'tier' }, nodes, instances)).toEqual([]);
    expect(scopeNodeIds({ ...emptyTarget(), kind: 'instances', appInstanceIds: [id(20)] }, nodes, instances)).toEqual([id(3)]);
  });
});
