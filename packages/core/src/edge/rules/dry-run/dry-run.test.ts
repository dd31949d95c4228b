import { describe, expect, it } from 'vitest';
import { ZDryRunReport } from '@mecport/contracts';
import { dryRunReport } from './dry-run';
import { APP_A, APP_B, dns, instance, nodeInput, NODE_ID, traffic } from './fixtures';

const steer = traffic('steer', { filter: { dstAddress: ['10.0.0.7'] } });
const clean = instance(APP_A, 'hello-edge', [steer], [dns('d')]);

describe('dryRunReport', () => {
  it('may apply a change with no errors, warnings allowed', () => {
    const withWarning = instance(APP_A, 'hello-edge', [steer], [dns('d'), dns('e', { domainName: 'e.mec.example', ipAddress: '10.0.0.99' })]);
    const report = dryRunReport([nodeInput([withWarning], [instance(APP_A, 'hello-edge', [steer])])]);
    expect(report.totals).toEqual({ nodes: 1, instances: 1, errors: 0, warnings: 1, changes: 2 });
    expect(report.canApply).toBe(true);
    expect(ZDryRunReport.parse(report)).toEqual(report);
  });

  it('may not apply a change with an error on any node, nor one that changes nothing', () => {
    const clash = instance(APP_B, 'other-app', [], [dns('x')]);
    const report = dryRunReport([nodeInput([clean]), { ...nodeInput([clean, clash], [clean]), nodeId: '00000000-0000-4000-8000-0000000000f2' }]);
    expect(report.totals).toMatchObject({ nodes: 2, instances: 2, errors: 1, changes: 1 });
    expect(report.canApply).toBe(false);
    expect(report.nodes.map((n) => n.nodeId)).toEqual([NODE_ID, '00000000-0000-4000-8000-0000000000f2']);
    expect(dryRunReport([nodeInput([clean])])).toMatchObject({ canApply: false, totals: { changes: 0, errors: 0 } });
  });

  it('judges the rule set after the change: a conflict the change removes does not block it', () => {
    const drop = traffic('drop', { action: 'DROP', dstInterface: undefined, filter: {} });
    const report = dryRunReport([nodeInput([clean], [instance(APP_A, 'hello-edge', [steer, drop], [dns('d')])])]);
    expect(report.nodes[0]!.findings).toEqual([]);
    expect(report.canApply).toBe(true);
  });
});
