import { describe, expect, it } from 'vitest';
import { topologyOf } from './topology-model';

const I1 = '00000000-0000-4000-8000-000000000001';
const I2 = '00000000-0000-4000-8000-000000000002';
const I9 = '00000000-0000-4000-8000-000000000009';
const APP = '00000000-0000-4000-8000-0000000000aa';
const instance = (id: string, appName: string) => ({ appInstanceId: id, appId: APP, appName, version: '1.0.0', state: 'RUNNING' as const, restarts: 0, ready: true, message: null, digestMismatch: false });
const service = (serName: string, appInstanceId: string) => ({ serInstanceId: `${serName}-id`, serName, appInstanceId, state: 'ACTIVE' as const, version: '2.1.1' });

describe('topologyOf', () => {
  it('hangs each service under the instance that registered it, and the rest under the node', () => {
    const t = topologyOf({ instances: [instance(I2, 'Video'), instance(I1, 'Analytics')], services: [service('rnis', I1), service('location', I1), service('bwm', I9)] });
    expect(t.instances.map((i) => [i.appName, i.services.map((s) => s.serName)])).toEqual([['Analytics', ['location', 'rnis']], ['Video', []]]);
    expect(t.otherServices.map((s) => s.serName)).toEqual(['bwm']);
  });
});
