import { describe, expect, it } from 'vitest';
import { dryRunNode } from './dry-run';
import { APP_A, APP_B, dns, instance, nodeInput, traffic } from './fixtures';

describe('the per-node diff', () => {
  it('lists added, changed and removed rules by instance, kind and id, with before and after', () => {
    const before = [instance(APP_A, 'hello-edge', [traffic('kept'), traffic('edited'), traffic('gone')], [dns('name')])];
    const after = [
      instance(APP_A, 'hello-edge', [traffic('kept'), traffic('edited', { priority: 20 }), traffic('new')], [dns('name', { ttl: 60 })]),
      instance(APP_B, 'other-app', [], [dns('b', { domainName: 'other.mec.example' })]),
    ];
    const diff = dryRunNode(nodeInput(after, before)).diff;
    expect(diff.map((d) => [d.appInstanceId, d.kind, d.ruleId, d.change])).toEqual([
      [APP_A, 'traffic', 'edited', 'changed'],
      [APP_A, 'traffic', 'new', 'added'],
      [APP_A, 'dns', 'name', 'changed'],
      [APP_B, 'dns', 'b', 'added'],
      [APP_A, 'traffic', 'gone', 'removed'],
    ]);
    expect(diff[0]).toMatchObject({ before: { priority: 10 }, after: { priority: 20 } });
    expect(diff[1]!.before).toBeUndefined();
    expect(diff[4]).toMatchObject({ before: { trafficRuleId: 'gone' } });
    expect(diff[4]!.after).toBeUndefined();
  });

  it('sees a state switch as a change, but not a different key order or an undefined field', () => {
    const rule = traffic('r');
    const reordered = Object.fromEntries(Object.entries({ ...rule, ttl: undefined }).reverse()) as typeof rule;
    expect(dryRunNode(nodeInput([instance(APP_A, 'a', [reordered])], [instance(APP_A, 'a', [rule])])).diff).toEqual([]);
    const off = dryRunNode(nodeInput([instance(APP_A, 'a', [{ ...rule, state: 'INACTIVE' }])], [instance(APP_A, 'a', [rule])])).diff;
    expect(off).toEqual([expect.objectContaining({ ruleId: 'r', change: 'changed' })]);
  });

  it('lists every rule of an instance that is gone as removed, after the rest', () => {
    const a = instance(APP_A, 'a', [traffic('r')], [dns('d')]);
    const diff = dryRunNode(nodeInput([instance(APP_B, 'b', [traffic('s')])], [a])).diff;
    expect(diff.map((d) => [d.appInstanceId, d.kind, d.ruleId, d.change])).toEqual([
      [APP_B, 'traffic', 's', 'added'], [APP_A, 'traffic', 'r', 'removed'], [APP_A, 'dns', 'd', 'removed'],
    ]);
  });

  it('keeps the same rule id of two instances apart', () => {
    const diff = dryRunNode(nodeInput([instance(APP_A, 'a', [traffic('r')]), instance(APP_B, 'b', [traffic('r', { priority: 3 })])], [instance(APP_A, 'a', [traffic('r')])])).diff;
    expect(diff).toEqual([expect.objectContaining({ appInstanceId: APP_B, ruleId: 'r', change: 'added' })]);
  });
});
